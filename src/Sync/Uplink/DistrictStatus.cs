using SmartCampus.Edge.Sync.Outbox;
using SmartCampus.Edge.Sync.Status;

namespace SmartCampus.Edge.Sync.Uplink;

/// <summary>Content of one status message; <see cref="Backlog"/> and the details are set only for "online".</summary>
internal sealed record DistrictStatus(bool Online, string? Reason, DateTimeOffset? At, bool SessionPresent, OutboxStore? Backlog)
{
    public static DistrictStatus ConnectionLost { get; } = new(false, "connection-lost", null, false, null);

    /// <summary>Time since the uplink started (monotonic), for "uptimeSeconds".</summary>
    public TimeSpan? Uptime { get; init; }

    public GatewayStatusSnapshot? Gateway { get; init; }

    /// <summary>Disk budget of the outbox in bytes, reported next to its use.</summary>
    public long? DiskBudgetBytes { get; init; }

    public static DistrictStatus Shutdown(DateTimeOffset at) => new(false, "shutdown", at, false, null);

    public static DistrictStatus Connected(DateTimeOffset at, bool sessionPresent, OutboxStore outbox) => new(true, null, at, sessionPresent, outbox);
}
