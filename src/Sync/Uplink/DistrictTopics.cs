using SmartCampus.Edge.Sync.Outbox;

namespace SmartCampus.Edge.Sync.Uplink;

/// <summary>
/// Topic names of the district interface, documented in docs/district-topics.md:
/// "{prefix}/{school}/{gateway}/alarms|events|telemetry" for records and "{prefix}/{school}/{gateway}/status".
/// </summary>
public static class DistrictTopics
{
    public static string Lane(string prefix, string schoolId, string gatewayId, OutboxLane lane) =>
        $"{prefix}/{schoolId}/{gatewayId}/{OutboxLaneNames.Of(lane)}";

    public static string Status(string prefix, string schoolId, string gatewayId) => $"{prefix}/{schoolId}/{gatewayId}/status";

    /// <summary>Filter of the district's commands to this gateway: "{prefix}/{school}/{gateway}/cmd/#".</summary>
    public static string Commands(string prefix, string schoolId, string gatewayId) => $"{prefix}/{schoolId}/{gatewayId}/cmd/#";

    /// <summary>Topic of the answers to commands: "{prefix}/{school}/{gateway}/cmd-result".</summary>
    public static string CommandResult(string prefix, string schoolId, string gatewayId) => $"{prefix}/{schoolId}/{gatewayId}/cmd-result";

    /// <summary>Returns the lane name used as the last topic level and in batch JSON ("alarms", "events", "telemetry").</summary>
    public static string LaneName(OutboxLane lane) => OutboxLaneNames.Of(lane);

    /// <summary>
    /// True when <paramref name="value"/> can be one topic level: not empty, and no '/', the wildcards '+' and '#',
    /// or NUL (MQTT 3.1.1 §4.7 and MQTT 5 §4.7).
    /// </summary>
    public static bool IsValidLevel(string? value) =>
        !string.IsNullOrEmpty(value) && value.IndexOfAny(['/', '+', '#', '\0']) < 0;

    /// <summary>
    /// True when <paramref name="value"/> is one or more valid levels joined by '/', and does not start with '$',
    /// which MQTT reserves for broker topics such as $SYS.
    /// </summary>
    public static bool IsValidPrefix(string? value) =>
        !string.IsNullOrEmpty(value) && !value.StartsWith('$') && value.Split('/').All(IsValidLevel);
}
