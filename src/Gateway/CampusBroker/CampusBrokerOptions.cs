using System.Net;

namespace SmartCampus.Edge.Gateway.CampusBroker;

public sealed class CampusBrokerOptions
{
    /// <summary>The one address the broker listens on. Loopback keeps it local; a LAN address serves boards in classrooms.</summary>
    public IPAddress ListenAddress { get; init; } = IPAddress.Loopback;

    /// <summary>TCP port; 0 lets the system pick a free one (see <see cref="CampusBrokerHost.BoundPort"/>).</summary>
    public int Port { get; init; } = 1883;

    public IReadOnlyList<CampusBrokerAccount> Accounts { get; init; } = [];

    /// <summary>
    /// Messages queued per client before the oldest is dropped. MQTTnet 5.2 defaults to 1000 and drops silently;
    /// this broker counts and logs every drop.
    /// </summary>
    public int MaxPendingMessagesPerClient { get; init; } = 10_000;
}
