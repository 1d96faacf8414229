namespace SmartCampus.Edge.Drivers.Tests.Modbus.Device;

/// <summary>The device suite against a real pymodbus 3.0 server.</summary>
public sealed class ModbusTcpDevicePymodbusTests : ModbusTcpDeviceSuite
{
    protected override async Task<IModbusTestPeer> StartPeerAsync(
        byte unitId,
        IReadOnlyDictionary<ushort, ushort> holding,
        IReadOnlyDictionary<ushort, ushort> input) =>
        await PymodbusPeer.StartAsync(unitId, holding, input);
}
