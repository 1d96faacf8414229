namespace SmartCampus.Edge.Gateway.Configuration.Model;

/// <summary>The on-disk buffer of records waiting for the district.</summary>
public sealed record OutboxConfiguration
{
    public const int DefaultMaxDiskMegabytes = 512;

    /// <summary>Disk cap in MiB (1 to 1,048,576); when full, the oldest telemetry is dropped first.</summary>
    public required int MaxDiskMegabytes { get; init; }
}
