using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Mqtt;

namespace SmartCampus.Edge.Gateway.Tests.CampusBroker;

/// <summary>
/// Notices and emergency notices that are still current survive a gateway restart: a board that comes online on
/// a fresh broker afterwards gets them from the notice store, not from the old broker's retained messages.
/// </summary>
public sealed class NoticeRestartTests : IDisposable
{
    private const string B201 = "b201";

    private readonly string _directory = Directory.CreateTempSubdirectory("smartcampus-notices-").FullName;

    [Fact]
    public async Task CurrentNotices_SurviveRestart()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-03-02T08:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture));
        var storePath = Path.Combine(_directory, "class-board-notices.json");

        await using (var broker = await EmbeddedCampusBrokerPeer.StartAsync([B201]))
        {
            await using var hub = await StartHubAsync(broker, time, storePath);
            var now = time.GetUtcNow();
            await hub.Hub.SendNoticeAsync(B201, new ClassBoardNotice("sports", "运动会改期", NoticeKind.Fullscreen, 5, now.AddHours(1)), CancellationToken.None);
            await hub.Hub.SendNoticeAsync(B201, new ClassBoardNotice("short", "课间操取消", ExpiresAt: now.AddSeconds(30)), CancellationToken.None);
            await hub.Hub.SendNoticeAsync(B201, "fire-1/0", "火警，请按疏散路线撤离", emergency: true, CancellationToken.None);
        }

        Assert.True(File.Exists(storePath), "The notice store was not written.");
        time.Advance(TimeSpan.FromMinutes(1));

        await using var freshBroker = await EmbeddedCampusBrokerPeer.StartAsync([B201]);
        await using var restarted = await StartHubAsync(freshBroker, time, storePath);
        await using var board = await MqttTestClient.ConnectAsync(freshBroker.Host, freshBroker.Port, B201, freshBroker.BoardPassword(B201));
        await board.SubscribeAsync("campus/boards/b201/#");
        await board.PublishAsync("campus/boards/b201/heartbeat", "{}");

        var notice = await board.WaitForMessageAsync("campus/boards/b201/notice");
        var emergency = await board.WaitForMessageAsync("campus/boards/b201/emergency");
        await Task.Delay(200);

        using var noticeJson = JsonDocument.Parse(notice.Payload);
        Assert.Equal("sports", noticeJson.RootElement.GetProperty("id").GetString());
        Assert.Equal("运动会改期", noticeJson.RootElement.GetProperty("text").GetString());
        Assert.Single(board.Received, m => m.Topic == "campus/boards/b201/notice");
        using var emergencyJson = JsonDocument.Parse(emergency.Payload);
        Assert.Equal("fire-1/0", emergencyJson.RootElement.GetProperty("id").GetString());
        Assert.True(emergencyJson.RootElement.GetProperty("active").GetBoolean());
        Assert.False(restarted.Hub.IsNoticeAcknowledged(B201, "sports"));
        Assert.Null(restarted.Hub.IsNoticeAcknowledged(B201, "short"));
    }

    [Fact]
    public async Task ClearedEmergency_NotRestored()
    {
        var time = new FakeTimeProvider();
        var storePath = Path.Combine(_directory, "class-board-notices.json");

        await using (var broker = await EmbeddedCampusBrokerPeer.StartAsync([B201]))
        {
            await using var hub = await StartHubAsync(broker, time, storePath);
            await hub.Hub.SendNoticeAsync(B201, "fire-1/0", "火警", emergency: true, CancellationToken.None);
            await hub.Hub.ClearEmergencyAsync(B201, "fire-1/0", CancellationToken.None);
        }

        await using var freshBroker = await EmbeddedCampusBrokerPeer.StartAsync([B201]);
        await using var restarted = await StartHubAsync(freshBroker, time, storePath);
        await using var board = await MqttTestClient.ConnectAsync(freshBroker.Host, freshBroker.Port, B201, freshBroker.BoardPassword(B201));
        await board.SubscribeAsync("campus/boards/b201/#");
        await board.PublishAsync("campus/boards/b201/heartbeat", "{}");
        await restarted.Sink.WaitForSamplesAsync("b201.online", 1);
        await Task.Delay(300);

        Assert.DoesNotContain(board.Received, m => m.Topic == "campus/boards/b201/emergency");
    }

    [Fact]
    public async Task DamagedStore_HubStartsEmpty()
    {
        var storePath = Path.Combine(_directory, "class-board-notices.json");
        await File.WriteAllTextAsync(storePath, "{\"version\":1,\"boards\":{\"b201\":");

        await using var broker = await EmbeddedCampusBrokerPeer.StartAsync([B201]);
        await using var hub = await StartHubAsync(broker, new FakeTimeProvider(), storePath);

        Assert.True(hub.Hub.SubscriptionsActive);
        Assert.Contains(hub.Logger.Entries, e => e.Id.Id == 2268 && e.Message.Contains(storePath, StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static async Task<RunningHub> StartHubAsync(EmbeddedCampusBrokerPeer broker, FakeTimeProvider time, string storePath)
    {
        var mqtt = new CampusMqttOptions
        {
            Host = broker.Host,
            Port = broker.Port,
            Username = broker.GatewayUsername,
            Password = broker.GatewayPassword,
            ClientId = $"gw-test-{Guid.NewGuid():N}",
            PublishTimeout = TimeSpan.FromSeconds(5),
        };
        var logger = new TestLogger<ClassBoardHub>();
        var hub = new ClassBoardHub(
            mqtt,
            [new ClassBoardOptions { DeviceId = B201, HeartbeatTimeout = TimeSpan.FromSeconds(90) }],
            new GatewayClock(time, "test-boot"),
            logger,
            protocol: new ClassBoardHubOptions { NoticeStorePath = storePath });
        var running = new RunningHub(hub, logger);
        await running.Sink.WaitUntilAsync(() => hub.SubscriptionsActive, "the hub's subscription");
        return running;
    }

    private sealed class RunningHub : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _run;

        public RunningHub(ClassBoardHub hub, TestLogger<ClassBoardHub> logger)
        {
            Hub = hub;
            Logger = logger;
            _run = hub.RunAsync(Sink, _stop.Token);
        }

        public ClassBoardHub Hub { get; }

        public TestLogger<ClassBoardHub> Logger { get; }

        public RecordingSink Sink { get; } = new();

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _run.WaitAsync(TimeSpan.FromSeconds(10));
            await Hub.DisposeAsync();
            _stop.Dispose();
        }
    }
}
