namespace SmartCampus.Edge.Sync.Outbox;

internal sealed class DeleteCommand : OutboxCommand
{
    public DeleteCommand(OutboxLane lane, long[] sequences)
        : base(lane)
    {
        Sequences = sequences;
    }

    public long[] Sequences { get; }

    /// <summary>Estimated bytes of each record, index for index with <see cref="Sequences"/>; null makes the writer read them.</summary>
    public long[]? EstimatedBytes { get; init; }

    /// <summary>
    /// Record type of each record as it was sent, index for index with <see cref="Sequences"/>; lets the writer tell a
    /// sent sample from the summary that down-sampling may have put at the same sequence since.
    /// </summary>
    public string[]? Types { get; init; }

    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // The uplink reads its next batch after the last one it sent and does not wait for this delete, so the delete may
    // wait for the commit window and share its fsync with other deletes and appends.
    public override bool IsUrgent => false;

    public override void Fail(Exception exception) => Completion.TrySetException(exception);
}
