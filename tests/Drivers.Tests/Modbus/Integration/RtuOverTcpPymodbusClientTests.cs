using Microsoft.Extensions.Logging.Abstractions;
using SmartCampus.Edge.Drivers.Modbus.Protocol;
using SmartCampus.Edge.Drivers.Modbus.Rtu;
using SmartCampus.Edge.TestPeers;

namespace SmartCampus.Edge.Drivers.Tests.Modbus.Integration;

/// <summary>The client suite over raw RTU frames tunnelled through TCP, as a transparent serial converter passes them.</summary>
public sealed class RtuOverTcpPymodbusClientTests : ModbusClientSuite
{
    private PymodbusRtuServer? _server;
    private ModbusRtuBus? _bus;

    protected override async Task<IModbusClient> StartAsync()
    {
        _server = await PymodbusRtuServer.StartAsync(
            new PymodbusRtuServerOptions { UnitIds = [UnitId], HoldingRegisters = Holding, InputRegisters = Input, Identity = Identity },
            CancellationToken.None);
        var options = new ModbusRtuBusOptions { TunnelHost = "127.0.0.1", TunnelPort = _server.TunnelPort, BaudRate = 9600 };
        _bus = new ModbusRtuBus(options, TimeProvider.System, NullLogger.Instance);
        return _bus.CreateClient("tunnel-peer", ModbusPollPriority.Normal, TimeSpan.FromMilliseconds(1500), retries: 0);
    }

    protected override async Task StopAsync()
    {
        if (_bus is not null)
        {
            await _bus.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    protected override Task SetHoldingAsync(ushort address, ushort[] values) =>
        _server!.SetHoldingRegistersAsync(UnitId, address, values, CancellationToken.None);

    protected override Task<ushort[]> GetHoldingAsync(ushort address, int count) =>
        _server!.GetHoldingRegistersAsync(UnitId, address, count, CancellationToken.None);
}
