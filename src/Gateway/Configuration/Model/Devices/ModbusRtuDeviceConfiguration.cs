namespace SmartCampus.Edge.Gateway.Configuration.Model.Devices;

/// <summary>
/// A Modbus RTU device on an RS485 bus. Devices with the same <see cref="SerialPort"/> share one bus and must
/// agree on its settings; the gateway polls them one transaction at a time.
/// </summary>
public sealed record ModbusRtuDeviceConfiguration : DeviceConfiguration
{
    public const int DefaultBaudRate = 9600;
    public const int DefaultDataBits = 8;
    public const int DefaultStopBits = 1;
    public const SerialParity DefaultParity = SerialParity.None;
    public const int DefaultRetries = 1;
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMilliseconds(500);

    /// <summary>Serial device path, for example /dev/ttyUSB0 or a udev link such as /dev/rs485-1; empty with a tunnel.</summary>
    public required string SerialPort { get; init; }

    /// <summary>A serial-to-Ethernet converter that passes raw RTU frames over TCP (RTU over TCP); null for a local port.</summary>
    public string? TunnelHost { get; init; }

    public int TunnelPort { get; init; } = 502;

    /// <summary>The bus this device shares with others: the serial port, or the converter's host and port.</summary>
    public string BusName => TunnelHost is null ? SerialPort : $"{TunnelHost}:{TunnelPort}";

    public required int BaudRate { get; init; }

    public required SerialParity Parity { get; init; }

    public required int DataBits { get; init; }

    public required int StopBits { get; init; }

    /// <summary>The code that runs the local port; ignored with a tunnel.</summary>
    public SerialDriverKind SerialDriver { get; init; } = SerialDriverKind.Auto;

    /// <summary>Slave address on the bus, 1 to 247.</summary>
    public required byte UnitId { get; init; }

    public required TimeSpan PollInterval { get; init; }

    /// <summary>Time a request waits for its reply after the request's own wire time.</summary>
    public required TimeSpan Timeout { get; init; }

    /// <summary>Extra attempts after a timeout or framing error, 0 to 5.</summary>
    public required int Retries { get; init; }

    /// <summary>Longest interval between polls of an offline device, 1 s to 1 h.</summary>
    public TimeSpan MaxBackoff { get; init; } = ModbusTcpDeviceConfiguration.DefaultMaxBackoff;

    public required ModbusPollPriority Priority { get; init; }

    /// <summary>Request sizes and the gap bridged between points; from the device entry over its profile.</summary>
    public ModbusRequestLimits RequestLimits { get; init; } = ModbusRequestLimits.None;

    public required IReadOnlyList<ModbusPointConfiguration> Points { get; init; }
}
