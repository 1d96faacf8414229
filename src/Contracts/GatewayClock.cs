namespace SmartCampus.Edge.Contracts;

/// <summary>
/// Wall-clock and monotonic time from one <see cref="TimeProvider"/>. Durations are measured on
/// <see cref="TimeProvider.GetTimestamp"/>, which does not move when the wall clock is stepped.
/// </summary>
public sealed class GatewayClock
{
    private readonly long _createdAt;

    public GatewayClock(TimeProvider timeProvider, string bootId)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentException.ThrowIfNullOrWhiteSpace(bootId);

        TimeProvider = timeProvider;
        BootId = bootId;
        _createdAt = timeProvider.GetTimestamp();
    }

    public TimeProvider TimeProvider { get; }

    public string BootId { get; }

    public DateTimeOffset UtcNow => TimeProvider.GetUtcNow();

    /// <summary>
    /// Monotonic time since the origin of <see cref="TimeProvider.GetTimestamp"/>. With the system provider on Linux
    /// that is CLOCK_MONOTONIC, which counts from boot, so the value pairs with <see cref="BootId"/>.
    /// </summary>
    public TimeSpan Elapsed => TimeProvider.GetElapsedTime(0, TimeProvider.GetTimestamp());

    /// <summary>Monotonic time since this clock was created, which the host does once at start: the gateway's uptime.</summary>
    public TimeSpan Uptime => TimeProvider.GetElapsedTime(_createdAt);

    public MonotonicStamp Stamp() => new(BootId, Elapsed);
}
