namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>
/// Snapshot of an <see cref="OutboxStore"/>'s state for health checks, the console and metrics.
/// </summary>
/// <param name="State">Whether the store is open, reopening its database, or closed.</param>
/// <param name="UnavailableSince">Wall-clock time of the failure that started the current reopening, or null while open.</param>
/// <param name="Error">Message of the last failure of the database or of a reopen attempt, or null while open (English, as LiteDB or .NET reported it).</param>
/// <param name="FailedAttempts">Reopen attempts that failed since the current failure; 0 while open.</param>
/// <param name="Reopens">Reopens that succeeded since the store was created.</param>
/// <param name="ReopenFailures">Reopen attempts that failed since the store was created.</param>
public sealed record OutboxHealth(
    OutboxState State, DateTimeOffset? UnavailableSince, string? Error, int FailedAttempts, long Reopens, long ReopenFailures)
{
    /// <summary>The state of a store that has just opened its database.</summary>
    public static OutboxHealth Opened { get; } = new(OutboxState.Open, null, null, 0, 0, 0);
}
