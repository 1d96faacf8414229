using SmartCampus.Edge.Drivers.Modbus.Protocol;
using SmartCampus.Edge.Drivers.Modbus.Rtu;

namespace SmartCampus.Edge.Gateway.CommandLine.Modbus;

/// <summary>An open client for one command, with the RTU bus behind it when there is one; disposing closes both.</summary>
internal sealed class ModbusLink : IAsyncDisposable
{
    private readonly ModbusRtuBus? _bus;

    public ModbusLink(IModbusClient client, ModbusRtuBus? bus)
    {
        Client = client;
        _bus = bus;
    }

    public IModbusClient Client { get; }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        if (_bus is not null)
        {
            await _bus.DisposeAsync();
        }
    }
}
