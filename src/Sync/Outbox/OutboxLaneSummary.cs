namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>What one lane of an outbox database holds, as <see cref="OutboxInspector"/> read it.</summary>
/// <param name="Count">Records waiting for the district.</param>
/// <param name="OldestSequence">Sequence of the oldest waiting record, or null for an empty lane.</param>
/// <param name="OldestCreatedAt">Wall-clock time the oldest waiting record was appended, or null for an empty lane.</param>
/// <param name="EstimatedBytes">Estimated bytes of the lane's records, as counted against the disk budget.</param>
/// <param name="Dropped">Records dropped by the disk budget since the database was created.</param>
/// <param name="DeadLettered">Records the district could never take, kept aside and not sent.</param>
public sealed record OutboxLaneSummary(
    OutboxLane Lane,
    string Name,
    long Count,
    long? OldestSequence,
    DateTimeOffset? OldestCreatedAt,
    long EstimatedBytes,
    long Dropped,
    long DeadLettered);
