using System.Text.Json;
using SmartCampus.Edge.Drivers.Mqtt;

namespace SmartCampus.Edge.Gateway.Tests.CampusBroker;

/// <summary>Acknowledged notices, catch-up, swipes and commands between the hub and a real MQTTnet board, through the embedded broker.</summary>
public sealed class ClassBoardProtocolTests
{
    private const string B201 = "b201";
    private const string NoticeTopic = "campus/boards/b201/notice";

    [Fact]
    public async Task Notice_Acknowledged_IsNotResent()
    {
        await using var rig = await Rig.StartAsync();

        await rig.Hub.Hub.SendNoticeAsync(B201, new ClassBoardNotice("n-1", "家长会"), CancellationToken.None);
        await rig.Board.WaitForMessageAsync(NoticeTopic);
        await rig.Board.PublishAsync("campus/boards/b201/ack", """{"id":"n-1"}""");
        await rig.Hub.Sink.WaitUntilAsync(() => rig.Hub.Hub.IsNoticeAcknowledged(B201, "n-1") == true, "the acknowledgement");

        rig.Hub.Time.Advance(TimeSpan.FromMinutes(10));
        await Task.Delay(200);

        Assert.Single(rig.Board.Received, m => m.Topic == NoticeTopic);
    }

    [Fact]
    public async Task Notice_Unacknowledged_IsResentWithBackoff()
    {
        await using var rig = await Rig.StartAsync();

        await rig.Hub.Hub.SendNoticeAsync(B201, new ClassBoardNotice("n-2", "停水通知"), CancellationToken.None);
        await rig.WaitForNoticesAsync(1);

        // Default: first re-send after 10 s, then 20 s, 40 s.
        rig.Hub.Time.Advance(TimeSpan.FromSeconds(10));
        await rig.WaitForNoticesAsync(2);
        rig.Hub.Time.Advance(TimeSpan.FromSeconds(19));
        await Task.Delay(200);
        Assert.Equal(2, rig.NoticeCount);
        rig.Hub.Time.Advance(TimeSpan.FromSeconds(1));
        await rig.WaitForNoticesAsync(3);

        await rig.Board.PublishAsync("campus/boards/b201/ack", """{"id":"n-2"}""");
        await rig.Hub.Sink.WaitUntilAsync(() => rig.Hub.Hub.IsNoticeAcknowledged(B201, "n-2") == true, "the acknowledgement");
        rig.Hub.Time.Advance(TimeSpan.FromMinutes(10));
        await Task.Delay(200);
        Assert.Equal(3, rig.NoticeCount);
    }

    [Fact]
    public async Task Notice_ExpiredUnacknowledged_StopsAndRaisesEvent()
    {
        await using var rig = await Rig.StartAsync();
        var expiresAt = rig.Hub.Time.GetUtcNow().AddSeconds(15);

        await rig.Hub.Hub.SendNoticeAsync(B201, new ClassBoardNotice("n-3", "考试", ExpiresAt: expiresAt), CancellationToken.None);
        await rig.WaitForNoticesAsync(1);
        rig.Hub.Time.Advance(TimeSpan.FromSeconds(10));
        await rig.WaitForNoticesAsync(2);
        rig.Hub.Time.Advance(TimeSpan.FromSeconds(20));

        var expired = await rig.Hub.Sink.WaitForEventAsync(B201, ClassBoardEventTypes.NoticeUnacknowledged);
        Assert.Equal("n-3", expired.Attributes!["noticeId"]);
        Assert.Null(rig.Hub.Hub.IsNoticeAcknowledged(B201, "n-3"));
        rig.Hub.Time.Advance(TimeSpan.FromMinutes(10));
        await Task.Delay(200);
        Assert.Equal(2, rig.NoticeCount);
    }

    [Fact]
    public async Task BoardComingOnline_GetsCurrentNotices()
    {
        await using var broker = await EmbeddedCampusBrokerPeer.StartAsync([B201]);
        await using var hub = await HubBench.StartAsync(broker, B201);
        var now = hub.Time.GetUtcNow();
        await hub.Hub.SendNoticeAsync(B201, new ClassBoardNotice("old", "过期", ExpiresAt: now.AddSeconds(5)), CancellationToken.None);
        await hub.Hub.SendNoticeAsync(B201, new ClassBoardNotice("current", "运动会", ExpiresAt: now.AddHours(1)), CancellationToken.None);
        hub.Time.Advance(TimeSpan.FromSeconds(6));

        await using var board = await hub.ConnectBoardAsync(B201);
        await board.SubscribeAsync("campus/boards/b201/#");
        await board.PublishAsync("campus/boards/b201/heartbeat", "{}");

        var notice = await board.WaitForMessageAsync(NoticeTopic);
        using var json = JsonDocument.Parse(notice.Payload);
        Assert.Equal("current", json.RootElement.GetProperty("id").GetString());
        await Task.Delay(200);
        Assert.Single(board.Received, m => m.Topic == NoticeTopic);
    }

    [Fact]
    public async Task Swipe_RepeatWithinWindow_CountsOnce()
    {
        await using var rig = await Rig.StartAsync();

        await rig.Board.PublishAsync("campus/boards/b201/swipe", """{"uid":"04a1b2c3","ts":"2025-03-03T07:55:00+08:00","result":"granted"}""");
        await rig.Board.PublishAsync("campus/boards/b201/swipe", """{"uid":"04A1B2C3","result":"granted"}""");
        await rig.Board.PublishAsync("campus/boards/b201/swipe", """{"uid":"04FFFF01","result":"denied"}""");
        await rig.Board.PublishAsync("campus/boards/b201/swipe", """{"uid":7,"result":"granted"}""");
        await rig.Hub.Sink.WaitUntilAsync(() => rig.Hub.Hub.RejectedPayloadCount == 1, "the rejected swipe");
        rig.Hub.Time.Advance(TimeSpan.FromSeconds(59));
        await rig.Board.PublishAsync("campus/boards/b201/swipe", """{"uid":"04A1B2C3","result":"granted"}""");

        // Messages of one client arrive in order, so this swipe's event proves the repeat before it was handled.
        await rig.Board.PublishAsync("campus/boards/b201/swipe", """{"uid":"04FFFF02","result":"granted"}""");
        await rig.Hub.Sink.WaitUntilAsync(() => rig.Swipes.Count >= 3, "three swipe events");
        rig.Hub.Time.Advance(TimeSpan.FromSeconds(1));
        await rig.Board.PublishAsync("campus/boards/b201/swipe", """{"uid":"04A1B2C3","result":"granted"}""");

        await rig.Hub.Sink.WaitUntilAsync(() => rig.Swipes.Count >= 4, "four swipe events");
        await Task.Delay(200);
        var swipes = rig.Swipes;
        Assert.Equal(4, swipes.Count);
        Assert.Equal(["04A1B2C3", "04FFFF01", "04FFFF02", "04A1B2C3"], swipes.Select(s => s.Attributes!["uid"]));
        Assert.Equal("denied", swipes[1].Attributes!["result"]);
        Assert.Equal("2025-03-02T23:55:00.0000000+00:00", DateTimeOffset.Parse(swipes[0].Attributes!["boardTime"], System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(["boardTime", "result", "uid"], swipes[0].Attributes!.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Commands_ReachBoard()
    {
        await using var rig = await Rig.StartAsync();
        const string topic = "campus/boards/b201/command";

        Assert.Equal(1, await rig.Hub.Hub.SetModeAsync(B201, "exam", CancellationToken.None));
        Assert.Equal(1, await rig.Hub.Hub.SetPowerScheduleAsync(B201, new BoardPowerSchedule(new TimeOnly(7, 0), new TimeOnly(22, 30), [DayOfWeek.Monday, DayOfWeek.Sunday]), CancellationToken.None));
        Assert.Equal(1, await rig.Hub.Hub.RestartAsync(B201, CancellationToken.None));

        await rig.Board.WaitForMessageAsync(topic, m => m.Payload.Contains("restart", StringComparison.Ordinal));
        var commands = rig.Board.Received.Where(m => m.Topic == topic).Select(m => JsonDocument.Parse(m.Payload).RootElement).ToList();
        Assert.Equal(3, commands.Count);
        Assert.Equal("exam", commands[0].GetProperty("mode").GetString());
        Assert.Equal("22:30", commands[1].GetProperty("off").GetString());
        Assert.Equal([1, 7], commands[1].GetProperty("days").EnumerateArray().Select(d => d.GetInt32()));
        Assert.Equal("restart", commands[2].GetProperty("command").GetString());
        Assert.Equal(3, commands.Select(c => c.GetProperty("id").GetString()).Distinct().Count());
    }

    /// <summary>Broker, hub and one online board subscribed to its own topics.</summary>
    private sealed class Rig : IAsyncDisposable
    {
        private Rig(EmbeddedCampusBrokerPeer broker, HubBench hub, MqttTestClient board)
        {
            Broker = broker;
            Hub = hub;
            Board = board;
        }

        public EmbeddedCampusBrokerPeer Broker { get; }

        public HubBench Hub { get; }

        public MqttTestClient Board { get; }

        public int NoticeCount => Board.Received.Count(m => m.Topic == NoticeTopic);

        public IReadOnlyList<Contracts.DeviceEvent> Swipes => [.. Hub.Sink.Events.Where(e => e.Type == ClassBoardEventTypes.CardSwipe)];

        public static async Task<Rig> StartAsync()
        {
            var broker = await EmbeddedCampusBrokerPeer.StartAsync([B201]);
            var hub = await HubBench.StartAsync(broker, B201);
            var board = await hub.ConnectBoardAsync(B201);
            await board.SubscribeAsync("campus/boards/b201/#");
            await board.PublishAsync("campus/boards/b201/heartbeat", "{}");
            await hub.Sink.WaitForSamplesAsync("b201.online", 1);
            return new Rig(broker, hub, board);
        }

        public async Task WaitForNoticesAsync(int count) =>
            await Hub.Sink.WaitUntilAsync(() => NoticeCount >= count, $"{count} notices at the board");

        public async ValueTask DisposeAsync()
        {
            await Board.DisposeAsync();
            await Hub.DisposeAsync();
            await Broker.DisposeAsync();
        }
    }
}
