using SmartCampus.Edge.Sync.Downlink;

namespace SmartCampus.Edge.Gateway.Downlink;

/// <summary>Answer to a <c>config.update</c> command, and whether the gateway must restart to apply it.</summary>
public sealed record ConfigurationStageResult(DownlinkResult Result, bool RestartNeeded);
