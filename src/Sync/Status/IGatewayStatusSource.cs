namespace SmartCampus.Edge.Sync.Status;

/// <summary>
/// Implemented by the host: what the district status (heartbeat) reports beyond the outbox and the link. Called on
/// the uplink's task at each status publish, so it must return quickly; if it throws, the status goes without these facts.
/// </summary>
public interface IGatewayStatusSource
{
    GatewayStatusSnapshot GetStatus();
}
