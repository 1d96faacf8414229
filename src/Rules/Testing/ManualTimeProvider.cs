namespace SmartCampus.Edge.Rules.Testing;

/// <summary>A clock the runner moves by hand: wall and monotonic time advance together, and nothing else moves them.</summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset utcNow = start;
    private long timestamp;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow() => utcNow;

    public override long GetTimestamp() => timestamp;

    public void Advance(TimeSpan duration)
    {
        utcNow += duration;
        timestamp += duration.Ticks;
    }
}
