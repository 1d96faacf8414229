namespace SmartCampus.Edge.Sync.Outbox;

internal sealed class DeleteCommand : OutboxCommand
{
    public DeleteCommand(OutboxLane lane, long[] sequences)
        : base(lane)
    {
        Sequences = sequences;
    }

    public long[] Sequences { get; }

    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // The uplink waits for the delete before it reads the next batch, so a delay here is a delay per batch.
    public override bool IsUrgent => true;

    public override void Fail(Exception exception) => Completion.TrySetException(exception);
}
