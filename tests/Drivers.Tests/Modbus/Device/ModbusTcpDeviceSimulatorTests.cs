namespace SmartCampus.Edge.Drivers.Tests.Modbus.Device;

/// <summary>The device suite against the in-process <c>ModbusTcpSimulator</c>.</summary>
public sealed class ModbusTcpDeviceSimulatorTests : ModbusTcpDeviceSuite
{
    protected override async Task<IModbusTestPeer> StartPeerAsync(
        byte unitId,
        IReadOnlyDictionary<ushort, ushort> holding,
        IReadOnlyDictionary<ushort, ushort> input) =>
        await SimulatorPeer.StartAsync(unitId, RegisterCount, holding, input);
}
