namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>
/// Asks the writer thread to close and reopen the database, because a reader on another thread saw LiteDB fail.
/// Only the writer thread may close the engine, because it takes the gate for writing and LiteDB binds its transactions to it.
/// </summary>
internal sealed class ReopenCommand(Exception cause) : OutboxCommand(OutboxLane.Alarms)
{
    public Exception Cause { get; } = cause;

    public override bool IsUrgent => true;

    // No caller waits for it, because the reader that queued it has already rethrown its own error.
    public override void Fail(Exception exception)
    {
    }
}
