using SmartCampus.Edge.Drivers.Mqtt;
using SmartCampus.Edge.Drivers.Mqtt.Gates;
using SmartCampus.Edge.Drivers.Mqtt.Sensors;
using SmartCampus.Edge.Gateway.Devices;

namespace SmartCampus.Edge.Gateway.WebConsole.Overview;

/// <summary>
/// The gateway's links to the campus broker, as one fact for the overview: the class-board hub, each access gate
/// and the MQTT sensor driver each hold a session. The link is up when every session has its subscriptions. The
/// error shown is the newest connect failure of any of them, in the reader's UI language.
/// </summary>
internal sealed record CampusLinkStatus(int Sessions, bool Connected, string? LastError, DateTimeOffset? LastErrorAt)
{
    public static CampusLinkStatus Of(DeviceRegistry registry)
    {
        var sessions = 0;
        var connected = true;
        string? lastError = null;
        DateTimeOffset? lastErrorAt = null;
        foreach (var driver in registry.Drivers)
        {
            var (active, at, error) = driver switch
            {
                ClassBoardHub hub => (hub.SubscriptionsActive, hub.LastConnectErrorAt, (Func<string?>)(() => hub.LastConnectError)),
                AccessGateDriver gate => (gate.SubscriptionsActive, gate.LastConnectErrorAt, () => gate.LastConnectError),
                MqttSensorDriver sensors => (sensors.SubscriptionsActive, sensors.LastConnectErrorAt, () => sensors.LastConnectError),
                _ => (false, null, null),
            };
            if (error is null)
            {
                continue;
            }

            sessions++;
            connected &= active;
            if (at is not null && (lastErrorAt is null || at > lastErrorAt))
            {
                (lastError, lastErrorAt) = (error(), at);
            }
        }

        return new CampusLinkStatus(sessions, sessions > 0 && connected, lastError, lastErrorAt);
    }
}
