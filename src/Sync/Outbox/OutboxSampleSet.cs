namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>
/// The measurements of one telemetry record that may be down-sampled, e.g. the good numeric values of one device
/// poll. Down-sampling groups records by type, <see cref="Group"/> and interval, and summarises each key of the
/// group; so a group is something whose records are alike, such as one device.
/// </summary>
public sealed class OutboxSampleSet
{
    public OutboxSampleSet(string group, IReadOnlyList<OutboxSample> samples)
    {
        ArgumentException.ThrowIfNullOrEmpty(group);
        ArgumentNullException.ThrowIfNull(samples);

        Group = group;
        Samples = samples;
    }

    /// <summary>Records are summarised together only within one group, e.g. the device id.</summary>
    public string Group { get; }

    public IReadOnlyList<OutboxSample> Samples { get; }

    /// <summary>The set of a record with one measurement, grouped by its own key.</summary>
    public static OutboxSampleSet Of(OutboxSample sample) => new(sample.Key, [sample]);

    /// <summary>Whether this is the set of a one-measurement record grouped by its key, stored in the older k/v layout.</summary>
    internal bool IsSingle => Samples.Count == 1 && string.Equals(Group, Samples[0].Key, StringComparison.Ordinal);
}
