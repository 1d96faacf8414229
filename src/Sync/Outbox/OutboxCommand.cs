namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>Work queued for the outbox writer thread; completed only after its commit has been fsynced.</summary>
internal abstract class OutboxCommand
{
    protected OutboxCommand(OutboxLane lane)
    {
        Lane = lane;
    }

    public OutboxLane Lane { get; }

    /// <summary>True when the writer must commit without waiting for more work to share the fsync.</summary>
    public abstract bool IsUrgent { get; }

    public abstract void Fail(Exception exception);

    /// <summary>Fails the command because the database failed or is closed; an append keeps its record for the caller.</summary>
    public virtual void FailUnstored(Exception cause) => Fail(cause);
}
