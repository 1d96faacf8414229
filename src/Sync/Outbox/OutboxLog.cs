using Microsoft.Extensions.Logging;

namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>Log messages of the outbox; event ids 4000-4020 and, for the reopen after a failure, 4095-4097 (the uplink takes ids from 4021 up).</summary>
internal static partial class OutboxLog
{
    [LoggerMessage(EventId = 4000, EventName = "OutboxOpened", Level = LogLevel.Information,
        Message = "Outbox {DatabasePath} opened: last sequence {LastSequence}, {Alarms} alarms, {Events} events, {Telemetry} telemetry records, {EstimatedBytes} bytes of {MaxDiskBytes}")]
    public static partial void Opened(ILogger logger, string databasePath, long lastSequence, long alarms, long events, long telemetry, long estimatedBytes, long maxDiskBytes);

    [LoggerMessage(EventId = 4001, EventName = "OutboxOpenFailed", Level = LogLevel.Error,
        Message = "Outbox {DatabasePath} failed to open; moving it aside and starting an empty outbox")]
    public static partial void OpenFailed(ILogger logger, string databasePath, Exception exception);

    [LoggerMessage(EventId = 4002, EventName = "OutboxMovedAside", Level = LogLevel.Error,
        Message = "Outbox {DatabasePath} moved to {MovedToPath} (log file to {LogMovedToPath}); its records were not sent")]
    public static partial void MovedAside(ILogger logger, string databasePath, string movedToPath, string? logMovedToPath);

    [LoggerMessage(EventId = 4003, EventName = "OutboxCommitFailed", Level = LogLevel.Error,
        Message = "Outbox commit of {Appends} appends and {Deletes} deletes failed; the appends were not accepted")]
    public static partial void CommitFailed(ILogger logger, int appends, int deletes, Exception exception);

    [LoggerMessage(EventId = 4004, EventName = "OutboxFlushFailed", Level = LogLevel.Error,
        Message = "Outbox fsync of the log after a commit failed; {Appends} committed appends are reported as failed because they may not survive a power cut")]
    public static partial void FlushFailed(ILogger logger, int appends, Exception exception);

    [LoggerMessage(EventId = 4005, EventName = "OutboxRecordsDropped", Level = LogLevel.Warning,
        Message = "Outbox over its budget of {MaxDiskBytes} bytes: dropped the {Count} oldest {Lane} records ({Bytes} bytes, sequences {FirstSequence}-{LastSequence}); {TotalDropped} {Lane} records dropped since the database was created")]
    public static partial void RecordsDropped(ILogger logger, long maxDiskBytes, long count, string lane, long bytes, long firstSequence, long lastSequence, long totalDropped);

    [LoggerMessage(EventId = 4006, EventName = "OutboxOverBudget", Level = LogLevel.Warning,
        Message = "Outbox holds {EstimatedBytes} bytes, over its budget of {MaxDiskBytes} bytes, with no telemetry or events left to drop; alarms are kept")]
    public static partial void OverBudget(ILogger logger, long estimatedBytes, long maxDiskBytes);

    [LoggerMessage(EventId = 4007, EventName = "OutboxCheckpoint", Level = LogLevel.Debug,
        Message = "Outbox log reached {LogBytes} bytes; checkpoint forced ({ElapsedMilliseconds} ms)")]
    public static partial void CheckpointForced(ILogger logger, long logBytes, double elapsedMilliseconds);

    [LoggerMessage(EventId = 4008, EventName = "OutboxCheckpointFailed", Level = LogLevel.Warning,
        Message = "Outbox checkpoint with a {LogBytes}-byte log failed; it is retried after the next commit")]
    public static partial void CheckpointFailed(ILogger logger, long logBytes, Exception exception);

    [LoggerMessage(EventId = 4009, EventName = "OutboxClosed", Level = LogLevel.Information,
        Message = "Outbox {DatabasePath} closed: last sequence {LastSequence}, {Pending} records pending")]
    public static partial void Closed(ILogger logger, string databasePath, long lastSequence, long pending);

    [LoggerMessage(EventId = 4010, EventName = "OutboxCloseFailed", Level = LogLevel.Error,
        Message = "Outbox {DatabasePath} did not close cleanly")]
    public static partial void CloseFailed(ILogger logger, string databasePath, Exception exception);

    [LoggerMessage(EventId = 4011, EventName = "OutboxWriterFailed", Level = LogLevel.Critical,
        Message = "Outbox writer thread stopped on an unexpected error; appends now fail")]
    public static partial void WriterFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4012, EventName = "OutboxRollbackFailed", Level = LogLevel.Error,
        Message = "Outbox rollback after a failed commit failed as well")]
    public static partial void RollbackFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4013, EventName = "OutboxSequenceFloorInvalid", Level = LogLevel.Warning,
        Message = "Outbox sequence file {Path} does not contain a number ('{Content}'); sequences of a new database could repeat old ones")]
    public static partial void SequenceFloorInvalid(ILogger logger, string path, string content);

    [LoggerMessage(EventId = 4014, EventName = "OutboxSequenceContinued", Level = LogLevel.Information,
        Message = "New outbox database {DatabasePath} continues after sequence {Ceiling}, the ceiling reserved by the database before it")]
    public static partial void SequenceContinued(ILogger logger, string databasePath, long ceiling);

    [LoggerMessage(EventId = 4015, EventName = "OutboxDownsampled", Level = LogLevel.Information,
        Message = "Outbox replaced {Replaced} old telemetry records by {Summaries} summaries; {TotalDownsampled} records down-sampled since the database was created")]
    public static partial void Downsampled(ILogger logger, int replaced, long summaries, long totalDownsampled);

    [LoggerMessage(EventId = 4016, EventName = "OutboxDownsamplingFailed", Level = LogLevel.Warning,
        Message = "Outbox down-sampling failed; the records are kept as they are and the pass is retried after the next interval")]
    public static partial void DownsamplingFailed(ILogger logger, Exception exception);
    [LoggerMessage(EventId = 4017, EventName = "OutboxCompacted", Level = LogLevel.Information,
        Message = "Outbox {DatabasePath} compacted from {BytesBefore} to {BytesAfter} bytes in {ElapsedMilliseconds} ms; {Records} records kept")]
    public static partial void Compacted(ILogger logger, string databasePath, long bytesBefore, long bytesAfter, double elapsedMilliseconds, long records);

    [LoggerMessage(EventId = 4018, EventName = "OutboxCompactionSkipped", Level = LogLevel.Warning,
        Message = "Outbox {DatabasePath} was not compacted: a log file still held pages after the checkpoint; the database is unchanged")]
    public static partial void CompactionSkipped(ILogger logger, string databasePath);

    [LoggerMessage(EventId = 4019, EventName = "OutboxCompactionFailed", Level = LogLevel.Error,
        Message = "Outbox {DatabasePath} compaction failed; the records are kept in the old file")]
    public static partial void CompactionFailed(ILogger logger, string databasePath, Exception exception);
    [LoggerMessage(EventId = 4020, EventName = "OutboxClockAnchored", Level = LogLevel.Information,
        Message = "The clock is synchronised at {SynchronisedAt}; outbox records made before it in boot {BootId} are sent with corrected times")]
    public static partial void ClockAnchored(ILogger logger, string bootId, DateTimeOffset synchronisedAt);

    [LoggerMessage(EventId = 4095, EventName = "OutboxDatabaseFailed", Level = LogLevel.Error,
        Message = "Outbox {DatabasePath} failed while open ({Operation}); closing it and reopening it as at start")]
    public static partial void DatabaseFailed(ILogger logger, string databasePath, string operation, Exception exception);

    [LoggerMessage(EventId = 4096, EventName = "OutboxReopened", Level = LogLevel.Warning,
        Message = "Outbox {DatabasePath} reopened after {FailedAttempts} failed attempts and {UnavailableMilliseconds} ms: last sequence {LastSequence}, {Records} records")]
    public static partial void Reopened(ILogger logger, string databasePath, int failedAttempts, long unavailableMilliseconds, long lastSequence, long records);

    [LoggerMessage(EventId = 4097, EventName = "OutboxReopenFailed", Level = LogLevel.Error,
        Message = "Outbox {DatabasePath} reopen attempt {Attempt} failed; appends and reads fail until it opens, next attempt in {RetryMilliseconds} ms")]
    public static partial void ReopenFailed(ILogger logger, string databasePath, int attempt, long retryMilliseconds, Exception exception);
}
