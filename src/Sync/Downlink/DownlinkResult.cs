namespace SmartCampus.Edge.Sync.Downlink;

/// <summary>Outcome of one command as the host's handler reports it; published on ".../cmd-result".</summary>
public sealed record DownlinkResult(string Status, string? Reason = null)
{
    public static DownlinkResult Ok { get; } = new("ok");

    public static DownlinkResult Failed(string reason) => new("failed", reason);

    public static DownlinkResult Rejected(string reason) => new("rejected", reason);
}
