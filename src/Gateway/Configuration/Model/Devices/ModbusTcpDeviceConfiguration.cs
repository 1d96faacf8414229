namespace SmartCampus.Edge.Gateway.Configuration.Model.Devices;

/// <summary>A Modbus TCP server (or a TCP-to-RS485 gateway) polled by the gateway; kind modbus-tcp.</summary>
public sealed record ModbusTcpDeviceConfiguration : DeviceConfiguration
{
    public const int DefaultPort = 502;

    public const byte DefaultUnitId = 1;

    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(1);

    public const int DefaultRetries = 0;

    public static readonly TimeSpan DefaultMaxBackoff = TimeSpan.FromSeconds(30);

    public required string Host { get; init; }

    /// <summary>TCP port, 1 to 65535; default <see cref="DefaultPort"/>.</summary>
    public required int Port { get; init; }

    /// <summary>MBAP unit identifier, 0 to 255; default <see cref="DefaultUnitId"/>.</summary>
    public required byte UnitId { get; init; }

    /// <summary>Time between polls, 100 ms to 1 h.</summary>
    public required TimeSpan PollInterval { get; init; }

    /// <summary>Response timeout of one request, 10 ms to 1 min.</summary>
    public required TimeSpan Timeout { get; init; }

    /// <summary>Extra attempts after a timeout or a connection that broke during the request, 0 to 5.</summary>
    public int Retries { get; init; } = DefaultRetries;

    /// <summary>Longest interval between polls of an offline device, 1 s to 1 h.</summary>
    public TimeSpan MaxBackoff { get; init; } = DefaultMaxBackoff;

    /// <summary>Request sizes and the gap bridged between points; from the device entry over its profile.</summary>
    public ModbusRequestLimits RequestLimits { get; init; } = ModbusRequestLimits.None;

    /// <summary>At least one point; ids unique within the device.</summary>
    public required IReadOnlyList<ModbusPointConfiguration> Points { get; init; }
}
