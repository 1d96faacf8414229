using SmartCampus.Edge.Sync.Outbox;

namespace SmartCampus.Edge.Sync.Uplink;

/// <summary>Content of one status message; <see cref="Backlog"/> is set only for "online".</summary>
internal sealed record DistrictStatus(bool Online, string? Reason, DateTimeOffset? At, bool SessionPresent, OutboxStore? Backlog)
{
    public static DistrictStatus ConnectionLost { get; } = new(false, "connection-lost", null, false, null);

    public static DistrictStatus Shutdown(DateTimeOffset at) => new(false, "shutdown", at, false, null);

    public static DistrictStatus Connected(DateTimeOffset at, bool sessionPresent, OutboxStore outbox) => new(true, null, at, sessionPresent, outbox);
}
