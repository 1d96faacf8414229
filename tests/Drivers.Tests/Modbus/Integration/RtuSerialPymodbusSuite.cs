using Microsoft.Extensions.Logging.Abstractions;
using SmartCampus.Edge.Drivers.Modbus.Protocol;
using SmartCampus.Edge.Drivers.Modbus.Rtu;
using SmartCampus.Edge.Drivers.Serial;
using SmartCampus.Edge.TestPeers;

namespace SmartCampus.Edge.Drivers.Tests.Modbus.Integration;

/// <summary>
/// The client suite over Modbus RTU: the bus on one end of a socat pseudo-terminal pair with the serial driver
/// <see cref="Driver"/>, pymodbus's RTU server on the other.
/// </summary>
public abstract class RtuSerialPymodbusSuite : ModbusClientSuite
{
    private SocatPair? _pair;
    private PymodbusRtuServer? _server;
    private ModbusRtuBus? _bus;

    protected abstract SerialPortDriver Driver { get; }

    protected override async Task<IModbusClient> StartAsync()
    {
        _pair = await SocatPair.StartAsync(CancellationToken.None);
        _server = await PymodbusRtuServer.StartAsync(
            new PymodbusRtuServerOptions { SerialPath = _pair.PathA, UnitIds = [UnitId], HoldingRegisters = Holding, InputRegisters = Input, Identity = Identity },
            CancellationToken.None);
        _bus = new ModbusRtuBus(new ModbusRtuBusOptions { PortName = _pair.PathB, BaudRate = 9600, SerialDriver = Driver }, TimeProvider.System, NullLogger.Instance);
        return _bus.CreateClient("rtu-peer", ModbusPollPriority.Normal, TimeSpan.FromMilliseconds(1500), retries: 0);
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

        if (_pair is not null)
        {
            await _pair.DisposeAsync();
        }
    }

    protected override Task SetHoldingAsync(ushort address, ushort[] values) =>
        _server!.SetHoldingRegistersAsync(UnitId, address, values, CancellationToken.None);

    protected override Task<ushort[]> GetHoldingAsync(ushort address, int count) =>
        _server!.GetHoldingRegistersAsync(UnitId, address, count, CancellationToken.None);
}
