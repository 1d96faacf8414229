namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>
/// A record stored in the outbox. <see cref="Sequence"/> is unique per gateway and never reused, so the district
/// de-duplicates on (gateway id, sequence). <see cref="Payload"/> is the UTF-8 JSON value given to
/// <see cref="OutboxStore.AppendAsync"/>, unchanged.
/// </summary>
public sealed class OutboxRecord
{
    public OutboxRecord(long sequence, OutboxLane lane, string type, byte[] payload, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(payload);

        Sequence = sequence;
        Lane = lane;
        Type = type;
        Payload = payload;
        CreatedAt = createdAt;
    }

    public long Sequence { get; }

    public OutboxLane Lane { get; }

    public string Type { get; }

    /// <summary>The outbox's own copy of the payload, read from disk; no other record shares the array.</summary>
    public byte[] Payload { get; }

    /// <summary>
    /// Wall-clock time (UTC) at which <see cref="OutboxStore.AppendAsync"/> was called; for a record with
    /// <see cref="Clock"/> = <see cref="OutboxClockState.Corrected"/>, that moment on the synchronised clock.
    /// </summary>
    public DateTimeOffset CreatedAt { get; }

    public OutboxClockState Clock { get; init; } = OutboxClockState.Synchronised;

    /// <summary>The wall-clock time as the unsynchronised clock showed it; null for synchronised records.</summary>
    public DateTimeOffset? RecordedAt { get; init; }
}
