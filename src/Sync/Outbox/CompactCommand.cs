namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>A request to compact the database file now; completes with the bytes reclaimed (0 when it gave up).</summary>
internal sealed class CompactCommand : OutboxCommand
{
    // Compaction concerns the whole file; the lane is the one whose deleted records usually left the free space.
    public CompactCommand()
        : base(OutboxLane.Telemetry)
    {
    }

    public TaskCompletionSource<long> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override bool IsUrgent => true;

    public override void Fail(Exception exception) => Completion.TrySetException(exception);
}
