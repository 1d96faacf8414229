using Microsoft.Extensions.Logging.Abstractions;
using SmartCampus.Edge.Drivers.Modbus.Protocol;
using SmartCampus.Edge.Drivers.Modbus.Tcp;
using SmartCampus.Edge.TestPeers;

namespace SmartCampus.Edge.Drivers.Tests.Modbus.Integration;

/// <summary>The client suite over Modbus TCP against pymodbus.</summary>
public sealed class TcpPymodbusClientTests : ModbusClientSuite
{
    private PymodbusServer? _server;

    protected override async Task<IModbusClient> StartAsync()
    {
        _server = await PymodbusServer.StartAsync(
            new PymodbusServerOptions { UnitId = UnitId, HoldingRegisters = Holding, InputRegisters = Input, Identity = Identity },
            CancellationToken.None);
        var options = new ModbusTcpClientOptions
        {
            DeviceId = "tcp-peer",
            Host = "127.0.0.1",
            Port = _server.Port,
            Timeout = TimeSpan.FromMilliseconds(1500),
        };
        return new ModbusTcpClient(options, TimeProvider.System, NullLogger.Instance);
    }

    protected override async Task StopAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    protected override Task SetHoldingAsync(ushort address, ushort[] values) =>
        _server!.SetHoldingRegistersAsync(address, values, CancellationToken.None);

    protected override Task<ushort[]> GetHoldingAsync(ushort address, int count) =>
        _server!.GetHoldingRegistersAsync(address, count, CancellationToken.None);
}
