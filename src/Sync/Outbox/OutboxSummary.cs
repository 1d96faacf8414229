namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>An outbox database at rest: its files, the highest sequence handed out and each lane.</summary>
/// <param name="LastSequence">Highest sequence handed out; the next record gets a larger one.</param>
public sealed record OutboxSummary(
    string DatabasePath,
    long LastSequence,
    long DataFileBytes,
    long LogFileBytes,
    IReadOnlyList<OutboxLaneSummary> Lanes);
