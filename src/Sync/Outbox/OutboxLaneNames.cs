namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>
/// Lower-case lane names, used as LiteDB collection names and as the last level of the district topics.
/// Changing one renames a collection on disk and a topic the district subscribes to.
/// </summary>
internal static class OutboxLaneNames
{
    public static IReadOnlyList<OutboxLane> All { get; } = [OutboxLane.Alarms, OutboxLane.Events, OutboxLane.Telemetry];

    public static string Of(OutboxLane lane) => lane switch
    {
        OutboxLane.Alarms => "alarms",
        OutboxLane.Events => "events",
        OutboxLane.Telemetry => "telemetry",
        _ => throw new ArgumentOutOfRangeException(nameof(lane), lane, "Unknown outbox lane."),
    };
}
