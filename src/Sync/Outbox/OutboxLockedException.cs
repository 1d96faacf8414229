namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>
/// Thrown when another process (or another <see cref="OutboxStore"/> in this one) already has the outbox database
/// open. LiteDB's direct mode does not stop a second process on Linux, so the store takes its own lock file.
/// </summary>
public sealed class OutboxLockedException : IOException
{
    public OutboxLockedException()
    {
    }

    public OutboxLockedException(string message)
        : base(message)
    {
    }

    public OutboxLockedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
