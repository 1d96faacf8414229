namespace SmartCampus.Edge.Rules.Tests.Support;

/// <summary>
/// A clock whose wall time can be stepped (NTP correction, an RTC-less Pi setting its clock) while the monotonic
/// timestamp keeps running, which FakeTimeProvider cannot do: it derives both from one value and rejects steps back.
/// </summary>
public sealed class SteppableTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset utcNow = start;
    private long timestamp;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow() => utcNow;

    public override long GetTimestamp() => timestamp;

    /// <summary>Lets time pass: both clocks move by <paramref name="duration"/>.</summary>
    public void Advance(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);

        utcNow += duration;
        timestamp += duration.Ticks;
    }

    /// <summary>Steps only the wall clock, forward or back; the monotonic timestamp does not move.</summary>
    public void StepWallClock(TimeSpan step) => utcNow += step;
}
