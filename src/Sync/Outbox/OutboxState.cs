namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>Whether an <see cref="OutboxStore"/> can store and read records now.</summary>
public enum OutboxState
{
    /// <summary>The database is open; appends, deletes and reads work.</summary>
    Open,

    /// <summary>
    /// The database failed while open and the store is reopening it, retrying with a backoff. Appends and reads fail
    /// with <see cref="OutboxUnavailableException"/> until it opens again.
    /// </summary>
    Reopening,

    /// <summary>The store was disposed.</summary>
    Closed,
}
