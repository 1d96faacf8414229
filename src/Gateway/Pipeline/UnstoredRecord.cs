using SmartCampus.Edge.Sync.Outbox;

namespace SmartCampus.Edge.Gateway.Pipeline;

/// <summary>
/// A record the outbox did not store, held by <see cref="UnstoredRecords"/> until it is appended again. The payload is
/// an array of its own: the outbox's copy from <see cref="OutboxAppendFailedException"/>, or a copy taken when the
/// record was held behind others of its lane.
/// </summary>
internal sealed record UnstoredRecord(OutboxLane Lane, string Type, ReadOnlyMemory<byte> Payload, OutboxSampleSet? Samples)
{
    public static UnstoredRecord From(OutboxAppendFailedException failure) => new(failure.Lane, failure.Type, failure.Payload, failure.Samples);
}
