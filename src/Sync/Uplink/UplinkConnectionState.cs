namespace SmartCampus.Edge.Sync.Uplink;

public enum UplinkConnectionState
{
    Disconnected = 0,
    Connecting = 1,
    Connected = 2,
}
