namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>
/// Policy for down-sampling telemetry during long outages. The outbox groups telemetry records that carry an
/// <see cref="OutboxSampleSet"/> and are older than <see cref="OlderThan"/> by type, group and <see cref="Interval"/>,
/// and replaces each group of two or more records with the records <see cref="Summarise"/> returns, one per part of
/// at most 100 keys (more only if one record held more).
/// </summary>
public interface IOutboxDownsamplingPolicy
{
    /// <summary>Age (by creation time) from which telemetry is summarised, e.g. one hour.</summary>
    TimeSpan OlderThan { get; }

    /// <summary>Width of one summary interval, e.g. one minute; also how often the outbox looks for old telemetry.</summary>
    TimeSpan Interval { get; }

    /// <summary>Returns the type and the UTF-8 JSON payload of a record that replaces the group (or its part of it).</summary>
    (string Type, byte[] Payload) Summarise(OutboxSampleSummary summary);
}
