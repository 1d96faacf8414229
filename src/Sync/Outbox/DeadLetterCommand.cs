namespace SmartCampus.Edge.Sync.Outbox;

internal sealed class DeadLetterCommand : OutboxCommand
{
    public DeadLetterCommand(OutboxLane lane, long[] sequences, string reason, DateTimeOffset at)
        : base(lane)
    {
        Sequences = sequences;
        Reason = reason;
        At = at;
    }

    public long[] Sequences { get; }

    public string Reason { get; }

    public DateTimeOffset At { get; }

    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override bool IsUrgent => true;

    public override void Fail(Exception exception) => Completion.TrySetException(exception);
}
