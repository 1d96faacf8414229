namespace SmartCampus.Edge.Gateway.Configuration.Model;

/// <summary>The on-disk buffer of records waiting for the district.</summary>
public sealed record OutboxConfiguration
{
    public const int DefaultMaxDiskMegabytes = 512;

    public static readonly TimeSpan DefaultDownsampleInterval = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan DefaultCompactionInterval = TimeSpan.FromMinutes(10);

    public const int DefaultCompactionMinFreeMegabytes = 64;

    /// <summary>Disk cap in MiB (1 to 1,048,576); when full, the oldest telemetry is dropped first.</summary>
    public required int MaxDiskMegabytes { get; init; }

    /// <summary>Part of the cap in MiB that only alarms may use; null means 5 % of the cap.</summary>
    public int? AlarmReserveMegabytes { get; init; }

    /// <summary>Age from which unsent numeric telemetry is replaced by min/max/mean summaries; null keeps every sample.</summary>
    public TimeSpan? DownsampleAfter { get; init; }

    /// <summary>Width of one summary (default one minute).</summary>
    public TimeSpan DownsampleInterval { get; init; } = DefaultDownsampleInterval;

    /// <summary>How often an idle outbox checks whether to compact its file; zero turns it off.</summary>
    public TimeSpan CompactionInterval { get; init; } = DefaultCompactionInterval;

    /// <summary>Free space in MiB in the outbox files from which the check compacts.</summary>
    public int CompactionMinFreeMegabytes { get; init; } = DefaultCompactionMinFreeMegabytes;
}
