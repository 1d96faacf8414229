using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Mqtt;

namespace SmartCampus.Edge.Gateway.Tests.CampusBroker;

/// <summary>A running <see cref="ClassBoardHub"/> on a fake clock, connected to a broker peer.</summary>
public sealed class HubBench : IAsyncDisposable
{
    public static readonly TimeSpan HeartbeatTimeout = TimeSpan.FromSeconds(90);

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;

    private HubBench(ICampusBrokerPeer broker, IReadOnlyList<string> boardIds)
    {
        Broker = broker;
        var mqtt = new CampusMqttOptions
        {
            Host = broker.Host,
            Port = broker.Port,
            Username = broker.GatewayUsername,
            Password = broker.GatewayPassword,
            ClientId = $"gw-test-{Guid.NewGuid():N}",
            PublishTimeout = TimeSpan.FromSeconds(5),
        };
        var boards = boardIds.Select(id => new ClassBoardOptions
        {
            DeviceId = id,
            Building = "A",
            Floor = "2",
            Room = id[1..],
            HeartbeatTimeout = HeartbeatTimeout,
        }).ToList();

        Hub = new ClassBoardHub(mqtt, boards, new GatewayClock(Time, "test-boot"), Logger);
        _run = Hub.RunAsync(Sink, _stop.Token);
    }

    public ICampusBrokerPeer Broker { get; }

    public FakeTimeProvider Time { get; } = new();

    public ClassBoardHub Hub { get; }

    public RecordingSink Sink { get; } = new();

    public TestLogger<ClassBoardHub> Logger { get; } = new();

    public static async Task<HubBench> StartAsync(ICampusBrokerPeer broker, params string[] boardIds)
    {
        var bench = new HubBench(broker, boardIds);
        await bench.Sink.WaitUntilAsync(() => bench.Hub.SubscriptionsActive, "the hub's heartbeat subscription");
        return bench;
    }

    public Task<MqttTestClient> ConnectBoardAsync(string boardId) =>
        MqttTestClient.ConnectAsync(Broker.Host, Broker.Port, boardId, Broker.BoardPassword(boardId));

    /// <summary>Moves the fake clock in steps of a second until the hub is subscribed again, so that its backoff delays pass.</summary>
    public async Task PumpUntilSubscribedAsync()
    {
        var started = DateTime.UtcNow;
        while (!Hub.SubscriptionsActive)
        {
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10), "The hub did not subscribe again within 10 s.");
            Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run.WaitAsync(TimeSpan.FromSeconds(10));
        await Hub.DisposeAsync();
        _stop.Dispose();
    }
}
