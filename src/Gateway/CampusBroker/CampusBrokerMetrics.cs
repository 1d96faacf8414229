using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace SmartCampus.Edge.Gateway.CampusBroker;

/// <summary>
/// Instruments of the meter "SmartCampus.Edge.CampusBroker", read from <see cref="CampusBrokerHost.Counters"/> of
/// every running embedded broker when a listener collects. The counts start at zero when the gateway starts.
/// </summary>
public static class CampusBrokerMetrics
{
    public const string MeterName = "SmartCampus.Edge.CampusBroker";

    private static readonly Meter Meter = new(MeterName);

    private static readonly ConcurrentDictionary<CampusBrokerHost, byte> Brokers = new();

    static CampusBrokerMetrics()
    {
        Meter.CreateObservableCounter("smartcampus.broker.connections_accepted", () => Observe(c => c.ConnectionsAccepted), "{connection}", "Logins that passed authentication.");
        Meter.CreateObservableCounter("smartcampus.broker.connections_rejected", () => Observe(c => c.ConnectionsRejected), "{connection}", "Logins rejected for a missing or wrong user name or password, or a client id in use by another account.");
        Meter.CreateObservableGauge("smartcampus.broker.clients", () => Observe(c => c.ConnectedClients), "{client}", "Clients connected now.");
        Meter.CreateObservableCounter("smartcampus.broker.messages_received", () => Observe(c => c.MessagesReceived), "{message}", "Publishes from clients that passed the access check.");
        Meter.CreateObservableCounter("smartcampus.broker.publishes_denied", () => Observe(c => c.PublishesDenied), "{message}", "Publishes outside the account's topics.");
        Meter.CreateObservableCounter("smartcampus.broker.subscriptions_denied", () => Observe(c => c.SubscriptionsDenied), "{subscription}", "Topic filters outside the account's topics.");
        Meter.CreateObservableCounter("smartcampus.broker.messages_dropped", () => Observe(c => c.MessagesDropped), "{message}", "Messages dropped because a client's queue was full.");
    }

    internal static IDisposable Track(CampusBrokerHost broker)
    {
        Brokers.TryAdd(broker, 0);
        return new Registration(broker);
    }

    private static IEnumerable<Measurement<long>> Observe(Func<CampusBrokerCounters, long> read) =>
        Brokers.Keys.Select(broker => new Measurement<long>(read(broker.Counters)));

    private sealed class Registration(CampusBrokerHost broker) : IDisposable
    {
        public void Dispose() => Brokers.TryRemove(broker, out _);
    }
}
