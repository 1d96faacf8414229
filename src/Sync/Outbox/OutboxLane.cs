namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>
/// Queue of the outbox. Each lane keeps its own FIFO order; the uplink drains <see cref="Alarms"/> before the others,
/// and under disk pressure <see cref="Telemetry"/> is dropped first and <see cref="Alarms"/> never.
/// </summary>
public enum OutboxLane
{
    Alarms = 0,
    Events = 1,
    Telemetry = 2,
}
