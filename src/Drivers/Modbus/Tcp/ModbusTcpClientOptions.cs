namespace SmartCampus.Edge.Drivers.Modbus.Tcp;

/// <summary>Where a <see cref="ModbusTcpClient"/> connects and how long it waits.</summary>
public sealed class ModbusTcpClientOptions
{
    /// <summary>Device id used in error messages and logs.</summary>
    public required string DeviceId { get; init; }

    /// <summary>Host name or IP address of the device or Modbus gateway.</summary>
    public required string Host { get; init; }

    /// <summary>TCP port. 502 is the registered Modbus port.</summary>
    public int Port { get; init; } = 502;

    /// <summary>
    /// Deadline of one request, from the start of the connect (when one is needed) or the send to the end of the
    /// matching reply. Default 1 s.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(1);
}
