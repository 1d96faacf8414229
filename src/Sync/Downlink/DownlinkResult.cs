using System.Text.Json;

namespace SmartCampus.Edge.Sync.Downlink;

/// <summary>Outcome of one command as the host's handler reports it; published on ".../cmd-result".</summary>
public sealed record DownlinkResult(string Status, string? Reason = null)
{
    /// <summary>
    /// What a command asked for (e.g. log lines), published as "data" in the result. Not kept in the ledger: a
    /// repeated command gets its status only.
    /// </summary>
    public JsonElement? Data { get; init; }

    public static DownlinkResult Ok { get; } = new("ok");

    public static DownlinkResult Failed(string reason) => new("failed", reason);

    public static DownlinkResult Rejected(string reason) => new("rejected", reason);
}
