using System.IO.Ports;
using SmartCampus.Edge.Drivers.Serial;

namespace SmartCampus.Edge.Drivers.Modbus.Rtu;

/// <summary>One RS485 bus: the serial port (or the TCP converter that tunnels its raw RTU frames) and its format.</summary>
public sealed class ModbusRtuBusOptions
{
    /// <summary>Serial device such as <c>/dev/ttyUSB0</c>. Ignored when <see cref="TunnelHost"/> is set.</summary>
    public string PortName { get; init; } = string.Empty;

    public int BaudRate { get; init; } = 9600;

    /// <summary>
    /// The specification's default is even parity (§2.5.1), but most campus sensors ship with none; match the devices.
    /// </summary>
    public Parity Parity { get; init; } = Parity.None;

    public int DataBits { get; init; } = 8;

    public StopBits StopBits { get; init; } = StopBits.One;

    /// <summary>The code that runs the local port; <see cref="SerialPortDriver.Auto"/> picks the Linux stream on Linux.</summary>
    public SerialPortDriver SerialDriver { get; init; } = SerialPortDriver.Auto;

    /// <summary>True when the port runs on <see cref="LinuxSerialStream"/>: <see cref="SerialDriver"/> resolved for this OS.</summary>
    internal bool UsesLinuxStream => SerialDriver == SerialPortDriver.Linux
        || (SerialDriver == SerialPortDriver.Auto && OperatingSystem.IsLinux());

    /// <summary>
    /// Pause that ends a partial frame as noise. Null means 3.5 character times (1.75 ms above 19200 baud), or 50 ms
    /// through a tunnel, where TCP segments blur the serial timing.
    /// </summary>
    /// <remarks>
    /// NOTE: USB adapters hand bytes to the host in bursts (an FTDI chip every 16 ms by default), so a frame can show a
    /// pause longer than 3.5 characters. Raise this value if such an adapter logs dropped noise on good replies.
    /// </remarks>
    public TimeSpan? FrameSilence { get; init; }

    /// <summary>Framing errors in a row after which the port is closed and opened again.</summary>
    public int MaxConsecutiveFramingErrors { get; init; } = 3;

    /// <summary>
    /// Host of a TCP converter that passes raw RTU frames (with CRC) to the bus ("RTU over TCP"). Null for a local port.
    /// </summary>
    public string? TunnelHost { get; init; }

    public int TunnelPort { get; init; } = 502;

    /// <summary>Name in logs and messages: the port name, or <c>host:port</c> of the tunnel.</summary>
    public string Name => TunnelHost is null ? PortName : $"{TunnelHost}:{TunnelPort}";
}
