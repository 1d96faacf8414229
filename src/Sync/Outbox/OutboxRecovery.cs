using SmartCampus.Edge.Sync.Resources;

namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>
/// Report of a database that failed to open and was moved aside before a fresh one was created. The host turns it
/// into an alarm: the records in the moved file were not sent.
/// </summary>
public sealed class OutboxRecovery
{
    public OutboxRecovery(string databasePath, string movedToPath, string? logMovedToPath, DateTimeOffset movedAt, string error)
    {
        DatabasePath = databasePath;
        MovedToPath = movedToPath;
        LogMovedToPath = logMovedToPath;
        MovedAt = movedAt;
        Error = error;
    }

    public string DatabasePath { get; }

    /// <summary>New path of the data file that failed to open.</summary>
    public string MovedToPath { get; }

    /// <summary>New path of its log file, or null when there was no log file.</summary>
    public string? LogMovedToPath { get; }

    public DateTimeOffset MovedAt { get; }

    /// <summary>The open error, as LiteDB or the file check reported it (English).</summary>
    public string Error { get; }

    /// <summary>Builds the alarm text for technicians in the current UI culture (en or zh-CN).</summary>
    public string FormatMessage() => SyncText.Format(SyncText.OutboxMovedAside, DatabasePath, Error, MovedToPath);
}
