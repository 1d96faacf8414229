namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>
/// Thrown by appends, deletes and reads while the outbox database is being reopened after a failure (see
/// <see cref="OutboxState.Reopening"/>). An append that fails with it was not stored; the caller may try it again
/// later.
/// </summary>
public sealed class OutboxUnavailableException : IOException
{
    public OutboxUnavailableException()
    {
    }

    public OutboxUnavailableException(string message)
        : base(message)
    {
    }

    public OutboxUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
