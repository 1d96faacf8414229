using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Contracts;

namespace SmartCampus.Edge.Gateway.Tests.CampusBroker;

/// <summary>
/// The class-board hub against a real broker. Subclasses choose the broker, so that the same cases can run
/// against the embedded broker and against Mosquitto.
/// </summary>
public abstract class ClassBoardSuite
{
    private const string B201 = "b201";
    private const string B202 = "b202";

    /// <summary>Starts a broker with the gateway account and one account per board in <paramref name="boardIds"/>.</summary>
    protected abstract Task<ICampusBrokerPeer> StartBrokerAsync(IReadOnlyList<string> boardIds);

    [Fact]
    public async Task Heartbeat_PublishesOnlineAndDetails()
    {
        await using var broker = await StartBrokerAsync([B201, B202]);
        await using var hub = await HubBench.StartAsync(broker, B201, B202);
        await using var board = await hub.ConnectBoardAsync(B201);

        await board.PublishAsync("campus/boards/b201/heartbeat", """{"ts":"2025-03-03T08:00:00+08:00","mode":"attendance","screenOn":true}""");

        var online = await hub.Sink.WaitForSamplesAsync("b201.online", 1);
        Assert.True(online[0].Value.Boolean);
        Assert.Equal(Quality.Good, online[0].Quality);
        Assert.Equal(new DateTimeOffset(2025, 3, 3, 0, 0, 0, TimeSpan.Zero), online[0].SourceTime);
        var mode = await hub.Sink.WaitForSamplesAsync("b201.mode", 1);
        Assert.Equal("attendance", mode[0].Value.Text);
        var screen = await hub.Sink.WaitForSamplesAsync("b201.screenOn", 1);
        Assert.True(screen[0].Value.Boolean);

        var onlineEvent = await hub.Sink.WaitForEventAsync(B201, DeviceEventTypes.Online);
        Assert.Equal("A", onlineEvent.Attributes!["building"]);
        Assert.Equal("201", onlineEvent.Attributes["room"]);
        Assert.Empty(hub.Sink.SamplesOf("b202.online"));
    }

    [Fact]
    public async Task Heartbeat_MinimalObjectCounts()
    {
        await using var broker = await StartBrokerAsync([B201]);
        await using var hub = await HubBench.StartAsync(broker, B201);
        await using var board = await hub.ConnectBoardAsync(B201);

        await board.PublishAsync("campus/boards/b201/heartbeat", "{}");

        var online = await hub.Sink.WaitForSamplesAsync("b201.online", 1);
        Assert.True(online[0].Value.Boolean);
        Assert.Null(online[0].SourceTime);
    }

    [Fact]
    public async Task Timeout_PublishesOffline()
    {
        await using var broker = await StartBrokerAsync([B201, B202]);
        await using var hub = await HubBench.StartAsync(broker, B201, B202);
        await using var board = await hub.ConnectBoardAsync(B201);

        await board.PublishAsync("campus/boards/b201/heartbeat", """{"mode":"class"}""");
        await hub.Sink.WaitForSamplesAsync("b201.online", 1);

        // Each heartbeat restarts the 90 s timeout: 60 s + 60 s with a heartbeat in between stays online.
        hub.Time.Advance(TimeSpan.FromSeconds(60));
        await board.PublishAsync("campus/boards/b201/heartbeat", "{}");
        await hub.Sink.WaitForSamplesAsync("b201.online", 2);
        hub.Time.Advance(TimeSpan.FromSeconds(60));
        await board.PublishAsync("campus/boards/b201/heartbeat", "{}");
        var stillOnline = await hub.Sink.WaitForSamplesAsync("b201.online", 3);
        Assert.All(stillOnline, s => Assert.True(s.Value.Boolean));

        hub.Time.Advance(TimeSpan.FromSeconds(89));
        await Task.Delay(50);
        Assert.Equal(3, hub.Sink.SamplesOf("b201.online").Count);

        hub.Time.Advance(TimeSpan.FromSeconds(1));
        var afterTimeout = await hub.Sink.WaitForSamplesAsync("b201.online", 4);
        Assert.False(afterTimeout[3].Value.Boolean);
        Assert.Equal(Quality.Good, afterTimeout[3].Quality);
        await hub.Sink.WaitForEventAsync(B201, DeviceEventTypes.Offline);
        var mode = await hub.Sink.WaitForSamplesAsync("b201.mode", 2);
        Assert.Equal(Quality.Stale, mode[1].Quality);

        // A board that never sent a heartbeat is reported offline once its first timeout passes.
        var silent = await hub.Sink.WaitForSamplesAsync("b202.online", 1);
        Assert.False(silent[0].Value.Boolean);
        await hub.Sink.WaitForEventAsync(B202, DeviceEventTypes.Offline);
        Assert.Contains(hub.Logger.Entries, e => e.Level == LogLevel.Warning && e.Id.Id == 2246 && e.Message.Contains(B202, StringComparison.Ordinal));

        // The next heartbeat brings the board back.
        await board.PublishAsync("campus/boards/b201/heartbeat", "{}");
        var back = await hub.Sink.WaitForSamplesAsync("b201.online", 5);
        Assert.True(back[4].Value.Boolean);
        Assert.Equal(2, hub.Sink.Events.Count(e => e.DeviceId == B201 && e.Type == DeviceEventTypes.Online));
    }

    [Fact]
    public async Task Notice_ToAll_ReachesEveryBoard()
    {
        await using var broker = await StartBrokerAsync([B201, B202]);
        await using var hub = await HubBench.StartAsync(broker, B201, B202);
        await using var board201 = await hub.ConnectBoardAsync(B201);
        await using var board202 = await hub.ConnectBoardAsync(B202);
        await board201.SubscribeAsync("campus/boards/b201/#");
        await board202.SubscribeAsync("campus/boards/b202/#");

        var acknowledged = await hub.Hub.SendNoticeAsync("all", "n-1", "今天下午三点召开家长会。", emergency: false, CancellationToken.None);

        Assert.Equal(2, acknowledged);
        foreach (var (board, id) in new[] { (board201, B201), (board202, B202) })
        {
            var message = await board.WaitForMessageAsync($"campus/boards/{id}/notice");
            using var json = JsonDocument.Parse(message.Payload);
            Assert.Equal("n-1", json.RootElement.GetProperty("id").GetString());
            Assert.Equal("scrolling", json.RootElement.GetProperty("kind").GetString());
            Assert.Equal(0, json.RootElement.GetProperty("priority").GetInt32());
            Assert.Equal("今天下午三点召开家长会。", json.RootElement.GetProperty("text").GetString());
            Assert.False(message.Retain);
        }
    }

    [Fact]
    public async Task Notice_ToOneBoard_ReachesOnlyThatBoard()
    {
        await using var broker = await StartBrokerAsync([B201, B202]);
        await using var hub = await HubBench.StartAsync(broker, B201, B202);
        await using var board201 = await hub.ConnectBoardAsync(B201);
        await using var board202 = await hub.ConnectBoardAsync(B202);
        await board201.SubscribeAsync("campus/boards/b201/#");
        await board202.SubscribeAsync("campus/boards/b202/#");

        var first = await hub.Hub.SendNoticeAsync(B201, "n-201", "Room 201 only", emergency: false, CancellationToken.None);
        var second = await hub.Hub.SendNoticeAsync(B202, "n-202", "Room 202 only", emergency: false, CancellationToken.None);

        Assert.Equal(1, first);
        Assert.Equal(1, second);
        await board201.WaitForMessageAsync("campus/boards/b201/notice");
        await board202.WaitForMessageAsync("campus/boards/b202/notice");

        // Broker delivery to one client is in order, so b202 would have the first notice before the second.
        Assert.Single(board201.Received);
        Assert.Single(board202.Received);
        Assert.Contains("n-202", board202.Received[0].Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notice_ToUnknownTarget_SendsNothing()
    {
        await using var broker = await StartBrokerAsync([B201]);
        await using var hub = await HubBench.StartAsync(broker, B201);

        var acknowledged = await hub.Hub.SendNoticeAsync("b999", "n-1", "text", emergency: false, CancellationToken.None);

        Assert.Equal(0, acknowledged);
        Assert.Contains(hub.Logger.Entries, e => e.Id.Id == 2251 && e.Message.Contains("b999", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Emergency_IsRetainedForLateBoard()
    {
        await using var broker = await StartBrokerAsync([B201, B202]);
        await using var hub = await HubBench.StartAsync(broker, B201, B202);

        var sent = await hub.Hub.SendNoticeAsync("all", "fire-1", "火警！请按疏散路线有序撤离。", emergency: true, CancellationToken.None);
        Assert.Equal(2, sent);

        await using var late = await hub.ConnectBoardAsync(B202);
        await late.SubscribeAsync("campus/boards/b202/#");
        var retained = await late.WaitForMessageAsync("campus/boards/b202/emergency");
        Assert.True(retained.Retain);
        using (var json = JsonDocument.Parse(retained.Payload))
        {
            Assert.Equal("fire-1", json.RootElement.GetProperty("id").GetString());
            Assert.True(json.RootElement.GetProperty("active").GetBoolean());
            Assert.Equal("火警！请按疏散路线有序撤离。", json.RootElement.GetProperty("text").GetString());
        }

        var cleared = await hub.Hub.ClearEmergencyAsync("all", "fire-1", CancellationToken.None);
        Assert.Equal(2, cleared);
        var live = await late.WaitForMessageAsync("campus/boards/b202/emergency", m => m.Payload.Contains("false", StringComparison.Ordinal));
        Assert.False(live.Retain);

        await using var later = await hub.ConnectBoardAsync(B201);
        await later.SubscribeAsync("campus/boards/b201/#");
        var retainedClear = await later.WaitForMessageAsync("campus/boards/b201/emergency");
        using var clearJson = JsonDocument.Parse(retainedClear.Payload);
        Assert.Equal("fire-1", clearJson.RootElement.GetProperty("id").GetString());
        Assert.False(clearJson.RootElement.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task ClearEmergency_OfOtherNotice_IsSkipped()
    {
        await using var broker = await StartBrokerAsync([B201]);
        await using var hub = await HubBench.StartAsync(broker, B201);
        await hub.Hub.SendNoticeAsync(B201, "fire-2", "Fire alarm", emergency: true, CancellationToken.None);

        var cleared = await hub.Hub.ClearEmergencyAsync(B201, "fire-1", CancellationToken.None);

        Assert.Equal(0, cleared);
        await using var board = await hub.ConnectBoardAsync(B201);
        await board.SubscribeAsync("campus/boards/b201/#");
        var retained = await board.WaitForMessageAsync("campus/boards/b201/emergency");
        Assert.Contains("fire-2", retained.Payload, StringComparison.Ordinal);
        Assert.Contains("true", retained.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadPayloads_AreRejectedOneByOne()
    {
        await using var broker = await StartBrokerAsync([B201]);
        await using var hub = await HubBench.StartAsync(broker, B201);
        await using var board = await hub.ConnectBoardAsync(B201);
        const string topic = "campus/boards/b201/heartbeat";

        byte[][] badPayloads =
        [
            Encoding.UTF8.GetBytes("{ “model”: “T1000”, “temp”: 11}"),
            Encoding.UTF8.GetBytes("\"{\"mode\":\"class\"}"),
            Encoding.UTF8.GetBytes("{\"mode\":\"cla"),
            [0x7B, 0x22, 0x6D, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D],
            [],
            new byte[(1024 * 1024) + 1],
            Encoding.UTF8.GetBytes("[1,2]"),
        ];

        for (var i = 0; i < badPayloads.Length; i++)
        {
            await board.PublishAsync(topic, badPayloads[i]);
            await board.PublishAsync(topic, "{}");

            // Messages from one client are handled in order: when the good heartbeat is in, the bad one was handled.
            await hub.Sink.WaitForSamplesAsync("b201.online", i + 1);
            Assert.Equal(i + 1, hub.Hub.RejectedPayloadCount);
        }

        // One warning per topic and minute: the first rejection is logged with topic, reason and byte offset.
        var warnings = hub.Logger.Entries.Where(e => e.Id.Id == 2247).ToList();
        var first = Assert.Single(warnings);
        Assert.Equal(LogLevel.Warning, first.Level);
        Assert.Contains(topic, first.Message, StringComparison.Ordinal);
        Assert.Contains("invalid JSON", first.Message, StringComparison.Ordinal);
        Assert.Contains("at byte 2", first.Message, StringComparison.Ordinal);

        // After the interval the next rejection is logged again and counts the ones held back.
        hub.Time.Advance(TimeSpan.FromSeconds(61));
        await board.PublishAsync(topic, [0xFF]);
        await board.PublishAsync(topic, "{}");
        await hub.Sink.WaitForSamplesAsync("b201.online", badPayloads.Length + 1);
        var second = hub.Logger.Entries.Where(e => e.Id.Id == 2247).ElementAt(1);
        Assert.Contains("invalid UTF-8 at byte 0", second.Message, StringComparison.Ordinal);
        Assert.Contains($"({badPayloads.Length - 1} similar", second.Message, StringComparison.Ordinal);
        Assert.True(hub.Hub.SubscriptionsActive);
    }

    [Fact]
    public async Task RetainedHeartbeat_IsIgnored()
    {
        await using var broker = await StartBrokerAsync([B201]);
        await using (var board = await MqttTestClient.ConnectAsync(broker.Host, broker.Port, B201, broker.BoardPassword(B201)))
        {
            await board.PublishAsync("campus/boards/b201/heartbeat", "{}", retain: true);
        }

        await using var hub = await HubBench.StartAsync(broker, B201);
        await using var live = await hub.ConnectBoardAsync(B201);
        await live.PublishAsync("campus/boards/b201/heartbeat", """{"mode":"live"}""");

        var mode = await hub.Sink.WaitForSamplesAsync("b201.mode", 1);
        Assert.Equal("live", mode[0].Value.Text);
        Assert.Single(hub.Sink.SamplesOf("b201.online"));
    }

    [Fact]
    public async Task BrokerRestart_ResubscribesAndRepublishesEmergency()
    {
        await using var broker = await StartBrokerAsync([B201]);
        await using var hub = await HubBench.StartAsync(broker, B201);
        await hub.Hub.SendNoticeAsync(B201, "fire-3", "Fire alarm", emergency: true, CancellationToken.None);

        await broker.RestartAsync();
        await hub.Sink.WaitUntilAsync(() => !hub.Hub.SubscriptionsActive, "the hub to notice the lost connection");
        await hub.PumpUntilSubscribedAsync();

        await using var board = await hub.ConnectBoardAsync(B201);
        await board.PublishAsync("campus/boards/b201/heartbeat", "{}");
        var online = await hub.Sink.WaitForSamplesAsync("b201.online", 1);
        Assert.True(online[^1].Value.Boolean);

        // The restarted broker lost its retained messages; the hub published the active emergency again.
        await board.SubscribeAsync("campus/boards/b201/#");
        var retained = await board.WaitForMessageAsync("campus/boards/b201/emergency");
        Assert.Contains("fire-3", retained.Payload, StringComparison.Ordinal);
        Assert.Contains(hub.Logger.Entries, e => e.Id.Id == 2243);
    }
}
