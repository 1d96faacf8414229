namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>
/// Summary of the telemetry records of one type and group whose creation time falls in one interval, handed to an
/// <see cref="IOutboxDownsamplingPolicy"/> to build a record that replaces them. A group with many keys is handed
/// over in parts, each with some of its <see cref="Points"/> and the same sequence range.
/// </summary>
/// <param name="Type">Type of the records replaced, e.g. "samples".</param>
/// <param name="Group">Group of the records, e.g. a device id; for one-measurement records, its key.</param>
/// <param name="Count">Number of records replaced by the whole group.</param>
/// <param name="FirstSequence">Lowest sequence of the records replaced.</param>
/// <param name="LastSequence">Highest sequence of the records replaced.</param>
/// <param name="Points">Per-key figures, in the order the keys first appear in the records.</param>
public sealed record OutboxSampleSummary(
    string Type,
    string Group,
    DateTimeOffset IntervalStart,
    TimeSpan Interval,
    int Count,
    long FirstSequence,
    long LastSequence,
    IReadOnlyList<OutboxPointSummary> Points);
