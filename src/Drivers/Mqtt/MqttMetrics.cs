using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace SmartCampus.Edge.Drivers.Mqtt;

/// <summary>
/// Instruments of the meter "SmartCampus.Edge.Mqtt": the gateway's client sessions on the campus broker (class
/// boards, access gates, MQTT sensors), tagged with the session's <c>client_id</c>.
/// </summary>
public static class MqttMetrics
{
    public const string MeterName = "SmartCampus.Edge.Mqtt";

    private static readonly Meter Meter = new(MeterName);

    private static readonly ConcurrentDictionary<CampusMqttSession, string> Sessions = new();

    private static readonly Counter<long> MessagesReceived = Meter.CreateCounter<long>(
        "smartcampus.mqtt.messages_received", "{message}", "Messages delivered to a campus session.");

    private static readonly Counter<long> HandlerFailures = Meter.CreateCounter<long>(
        "smartcampus.mqtt.handler_failures", "{message}", "Messages whose handler failed; each was dropped alone.");

    private static readonly Counter<long> MessagesPublished = Meter.CreateCounter<long>(
        "smartcampus.mqtt.messages_published", "{message}", "Messages a campus session published, acknowledged or not.");

    static MqttMetrics()
    {
        Meter.CreateObservableGauge(
            "smartcampus.mqtt.connected",
            () => Sessions.Select(entry => new Measurement<int>(entry.Key.IsConnected ? 1 : 0, ClientTag(entry.Value))),
            "{connection}",
            "1 while the session is connected to the campus broker, else 0.");
    }

    internal static IDisposable Track(CampusMqttSession session, string clientId)
    {
        Sessions.TryAdd(session, clientId);
        return new Registration(session);
    }

    internal static void RecordReceived(string clientId) => MessagesReceived.Add(1, ClientTag(clientId));

    internal static void RecordHandlerFailure(string clientId) => HandlerFailures.Add(1, ClientTag(clientId));

    internal static void RecordPublished(string clientId) => MessagesPublished.Add(1, ClientTag(clientId));

    private static KeyValuePair<string, object?> ClientTag(string clientId) => new("client_id", clientId);

    private sealed class Registration(CampusMqttSession session) : IDisposable
    {
        public void Dispose() => Sessions.TryRemove(session, out _);
    }
}
