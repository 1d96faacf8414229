namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>
/// Thrown by an append that was not stored because the outbox database failed in its commit or is closed while it is
/// reopened (see <see cref="OutboxState.Reopening"/>). <see cref="Exception.InnerException"/> is the cause: the
/// <see cref="IOException"/> or LiteDB exception of the failed commit, or an <see cref="OutboxUnavailableException"/>.
/// The exception carries the record, with the outbox's own copy of the payload, so the caller can append it again
/// once <see cref="OutboxStore.Health"/> shows the database open, even if it has reused its payload buffer.
/// </summary>
/// <remarks>
/// An append that fails for another reason (an invalid payload, a disposed store, a writer thread that stopped on a
/// bug) throws that exception instead. After a failed fsync the commit may still be in the reopened database, so an
/// append made again can store the record twice, under two sequences.
/// </remarks>
public sealed class OutboxAppendFailedException : IOException
{
    public OutboxAppendFailedException()
    {
        Type = string.Empty;
    }

    public OutboxAppendFailedException(string message)
        : base(message)
    {
        Type = string.Empty;
    }

    public OutboxAppendFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Type = string.Empty;
    }

    internal OutboxAppendFailedException(OutboxLane lane, string type, byte[] payload, OutboxSampleSet? samples, Exception cause)
        : base($"The {OutboxLaneNames.Of(lane)} record of type '{type}' was not stored: {cause.Message}", cause)
    {
        Lane = lane;
        Type = type;
        Payload = payload;
        Samples = samples;
    }

    public OutboxLane Lane { get; }

    /// <summary>Record type given to <see cref="OutboxStore.AppendAsync(OutboxLane, string, ReadOnlyMemory{byte}, CancellationToken)"/>.</summary>
    public string Type { get; } = string.Empty;

    /// <summary>The outbox's copy of the UTF-8 JSON payload; nothing else writes to it.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>The measurements given for down-sampling, or null.</summary>
    public OutboxSampleSet? Samples { get; }
}
