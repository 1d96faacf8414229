using System.Globalization;
using SmartCampus.Edge.Sync.Resources;

namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>Settings of the <see cref="OutboxStore"/>; checked as a whole by <see cref="Validate"/>.</summary>
public sealed class OutboxOptions
{
    /// <summary>
    /// Path of the LiteDB data file, e.g. /var/lib/smartcampus-edge/outbox.db. The log file is "&lt;name&gt;-log.db"
    /// beside it (LiteDB's naming), and "&lt;path&gt;.lock" marks the process that owns the database.
    /// </summary>
    public string DatabasePath { get; set; } = string.Empty;

    /// <summary>
    /// Budget in bytes for the records held in the outbox (default 512 MiB). Over budget, the oldest telemetry is
    /// dropped first, then the oldest events; alarms are never dropped.
    /// </summary>
    public long MaxDiskBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>
    /// Part of <see cref="MaxDiskBytes"/> that only alarms may use, so that an alarm is accepted even when telemetry
    /// and events have filled the rest. Null means 5 % of <see cref="MaxDiskBytes"/>.
    /// </summary>
    public long? AlarmReserveBytes { get; set; }

    /// <summary>
    /// Optional down-sampling of old telemetry: records appended with an <see cref="OutboxSample"/> and older than
    /// the policy's threshold are replaced by one summary per type, key and interval. Null keeps every record.
    /// </summary>
    public IOutboxDownsamplingPolicy? Downsampling { get; set; }

    /// <summary>
    /// Tells whether the wall clock is synchronised; records appended while it is not are marked, and corrected once
    /// it is (within the same boot). Null takes every record as synchronised.
    /// </summary>
    public Contracts.IClockSynchronisation? ClockSynchronisation { get; set; }

    /// <summary>
    /// Identity of the boot that the monotonic clock counts from (Linux /proc/sys/kernel/random/boot_id). Null reads
    /// it from there, or uses an id for this process where it cannot be read.
    /// </summary>
    public string? BootId { get; set; }

    internal long EffectiveAlarmReserveBytes => AlarmReserveBytes ?? (MaxDiskBytes / 20);

    /// <summary>
    /// How long a telemetry append may wait so that it shares one commit and one fsync with others (default 5 ms).
    /// Alarms, events and deletes are committed without waiting. Zero commits every batch at once.
    /// </summary>
    public TimeSpan TelemetryCommitWindow { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// LiteDB's CHECKPOINT pragma, in 8 KiB pages (default 1000, about 8 MB): once the log file is larger, commits
    /// copy it into the data file. Must be greater than zero, otherwise the log grows without bound.
    /// </summary>
    public int CheckpointPages { get; set; } = 1000;

    /// <summary>
    /// How often the writer looks, while nothing is queued, whether the file should be compacted (default 10 minutes;
    /// zero turns scheduled compaction off). <see cref="OutboxStore.CompactAsync"/> compacts on request either way.
    /// </summary>
    public TimeSpan CompactionInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Free space in bytes (data and log files less the estimated record bytes) from which a scheduled check
    /// compacts (default 64 MiB): after a long backlog has drained the file keeps its size until then.
    /// </summary>
    public long CompactionMinFreeBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Largest payload accepted by one append, in bytes (default 256 KiB).</summary>
    public int MaxPayloadBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// Opens the data and log files (exclusive, read and write, unbuffered). Null opens a plain FileStream. Only tests
    /// set it, to put a disk that loses unflushed writes on a simulated power cut under the outbox.
    /// </summary>
    internal Func<string, FileStream>? OpenFile { get; set; }

    /// <summary>Lists every problem in these settings, in the current UI culture; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();

        if (string.IsNullOrWhiteSpace(DatabasePath))
        {
            problems.Add(SyncText.Format(SyncText.OptionRequired, nameof(DatabasePath)));
        }

        if (MaxDiskBytes <= 0)
        {
            problems.Add(SyncText.Format(SyncText.OptionMustBePositive, nameof(MaxDiskBytes), MaxDiskBytes));
        }

        if (AlarmReserveBytes is { } reserve && (reserve < 0 || reserve >= MaxDiskBytes))
        {
            problems.Add(SyncText.Format(SyncText.OptionOutOfRange, nameof(AlarmReserveBytes), reserve, 0, MaxDiskBytes - 1));
        }

        if (TelemetryCommitWindow < TimeSpan.Zero)
        {
            problems.Add(SyncText.Format(SyncText.OptionNotNegative, nameof(TelemetryCommitWindow), Show(TelemetryCommitWindow)));
        }

        if (CheckpointPages <= 0)
        {
            problems.Add(SyncText.Format(SyncText.OptionMustBePositive, nameof(CheckpointPages), CheckpointPages));
        }

        if (CompactionInterval < TimeSpan.Zero)
        {
            problems.Add(SyncText.Format(SyncText.OptionNotNegative, nameof(CompactionInterval), Show(CompactionInterval)));
        }

        if (CompactionMinFreeBytes < 0)
        {
            problems.Add(SyncText.Format(SyncText.OptionNotNegative, nameof(CompactionMinFreeBytes), CompactionMinFreeBytes));
        }

        if (MaxPayloadBytes <= 0)
        {
            problems.Add(SyncText.Format(SyncText.OptionMustBePositive, nameof(MaxPayloadBytes), MaxPayloadBytes));
        }

        return problems;
    }

    private static string Show(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}
