using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCampus.Edge.Drivers.Modbus.Protocol;
using SmartCampus.Edge.Drivers.Modbus.Points;
using SmartCampus.Edge.Drivers.Modbus.Rtu;
using SmartCampus.Edge.Drivers.Modbus.Tcp;

namespace SmartCampus.Edge.Gateway.CommandLine.Modbus;

/// <summary>Where a <c>modbus</c> command sends its requests: a TCP device or an RTU bus, with unit id and timeout.</summary>
internal sealed record ModbusLinkSettings
{
    /// <summary>
    /// Device name in messages: the campus.yaml device id, or host:port or the serial port for a device given by
    /// connection options.
    /// </summary>
    public required string DeviceId { get; init; }

    /// <summary>Host of a Modbus TCP device; null for RTU.</summary>
    public string? Host { get; init; }

    public int Port { get; init; } = 502;

    /// <summary>Serial line or RTU-over-TCP converter; null for Modbus TCP.</summary>
    public ModbusRtuBusOptions? Bus { get; init; }

    public required byte UnitId { get; init; }

    public required TimeSpan Timeout { get; init; }

    /// <summary>The device's points from campus.yaml; empty for a device given by connection options.</summary>
    public IReadOnlyList<ModbusPointOptions> Points { get; init; } = [];

    /// <summary>True when <c>--host</c> and <c>--port</c> gave the device, false for a campus.yaml device or an RTU bus.</summary>
    public bool FromHostOption { get; init; }

    /// <summary>True when <c>--serial</c> gave the port, false for a campus.yaml device or any other link.</summary>
    public bool FromSerialOption { get; init; }

    /// <summary>Returns the link for people: "TCP 192.168.10.21:502" or "RTU /dev/ttyUSB0 9600 8N1".</summary>
    public string Describe()
    {
        if (Bus is null)
        {
            return $"TCP {Host}:{Port.ToString(CultureInfo.InvariantCulture)}";
        }

        if (Bus.TunnelHost is not null)
        {
            return $"RTU over TCP {Bus.TunnelHost}:{Bus.TunnelPort.ToString(CultureInfo.InvariantCulture)}";
        }

        var parity = Bus.Parity.ToString()[0];
        var stopBits = Bus.StopBits == System.IO.Ports.StopBits.Two ? 2 : 1;
        return string.Create(CultureInfo.InvariantCulture, $"RTU {Bus.PortName} {Bus.BaudRate} {Bus.DataBits}{parity}{stopBits}");
    }

    /// <summary>Returns the text for a failed request with the next step; see <see cref="ModbusErrorText.For"/>.</summary>
    public string ErrorText(ModbusException exception, int? quantity = null) => ModbusErrorText.For(this, exception, quantity);

    /// <summary>Opens the client. The TCP connection or serial port opens with the first request.</summary>
    public ModbusLink Open()
    {
        if (Bus is null)
        {
            var options = new ModbusTcpClientOptions { DeviceId = DeviceId, Host = Host!, Port = Port, Timeout = Timeout };
            return new ModbusLink(new ModbusTcpClient(options, TimeProvider.System, NullLogger.Instance), null);
        }

        var bus = new ModbusRtuBus(Bus, TimeProvider.System, NullLogger.Instance);
        var client = bus.CreateClient(DeviceId, ModbusPollPriority.Normal, Timeout, retries: 0);
        return new ModbusLink(client, bus);
    }
}
