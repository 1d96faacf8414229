using SmartCampus.Edge.TestPeers;

namespace SmartCampus.Edge.Drivers.Tests.Modbus.Device;

/// <summary>A real pymodbus 3.0 server (<see cref="PymodbusServer"/>) as a suite peer.</summary>
public sealed class PymodbusPeer : IModbusTestPeer
{
    private readonly PymodbusServer _server;

    private PymodbusPeer(PymodbusServer server)
    {
        _server = server;
    }

    public int Port => _server.Port;

    /// <summary>Starts pymodbus with exactly the given registers; every other address is unmapped.</summary>
    public static async Task<PymodbusPeer> StartAsync(
        byte unitId,
        IReadOnlyDictionary<ushort, ushort> holding,
        IReadOnlyDictionary<ushort, ushort> input)
    {
        var options = new PymodbusServerOptions { UnitId = unitId, HoldingRegisters = holding, InputRegisters = input };
        return new PymodbusPeer(await PymodbusServer.StartAsync(options, CancellationToken.None));
    }

    public Task SetHoldingRegistersAsync(ushort address, ushort[] values) =>
        _server.SetHoldingRegistersAsync(address, values, CancellationToken.None);

    public Task<ushort[]> GetHoldingRegistersAsync(ushort address, int count) =>
        _server.GetHoldingRegistersAsync(address, count, CancellationToken.None);

    public Task StopAsync() => _server.StopAsync(CancellationToken.None);

    public Task StartAgainAsync() => _server.StartAgainAsync(CancellationToken.None);

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
