namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>
/// Summary of the telemetry records of one type and key whose creation time falls in one interval, handed to an
/// <see cref="IOutboxDownsamplingPolicy"/> to build the record that replaces them.
/// </summary>
public sealed record OutboxSampleSummary(
    string Type,
    string Key,
    DateTimeOffset IntervalStart,
    TimeSpan Interval,
    int Count,
    long FirstSequence,
    long LastSequence,
    double Min,
    double Max,
    double Mean);
