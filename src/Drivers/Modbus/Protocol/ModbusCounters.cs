namespace SmartCampus.Edge.Drivers.Modbus.Protocol;

/// <summary>
/// Requests of one device and how they ended, since the driver started. Every attempt counts, retries included.
/// Latency counts only attempts the device responded to.
/// </summary>
public sealed record ModbusCounters
{
    public long Requests { get; init; }

    /// <summary>Answered with data or a write confirmation.</summary>
    public long Responses { get; init; }

    /// <summary>Answered with an exception response (§7).</summary>
    public long ExceptionResponses { get; init; }

    public long Timeouts { get; init; }

    /// <summary>RTU: bytes arrived, but no frame with a valid CRC.</summary>
    public long FramingErrors { get; init; }

    /// <summary>The port or connection could not be opened or broke.</summary>
    public long ConnectionErrors { get; init; }

    /// <summary>A reply that broke the protocol in another way (byte count, echo, unit id).</summary>
    public long ProtocolErrors { get; init; }

    public TimeSpan TotalLatency { get; init; }

    public TimeSpan MaxLatency { get; init; }

    /// <summary>Mean time from queueing a request to its reply, or zero before the first reply.</summary>
    public TimeSpan MeanLatency
    {
        get
        {
            var answered = Responses + ExceptionResponses;
            return answered == 0 ? TimeSpan.Zero : TotalLatency / answered;
        }
    }
}
