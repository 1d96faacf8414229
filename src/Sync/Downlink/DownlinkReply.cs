namespace SmartCampus.Edge.Sync.Downlink;

/// <summary>
/// What the uplink publishes on ".../cmd-result" for one command message; <see cref="Id"/> is null when unreadable.
/// With <see cref="PublishStatus"/> the uplink publishes its status right after the result.
/// </summary>
internal sealed record DownlinkReply(string? Id, string? Type, DownlinkResult Result, bool PublishStatus = false);
