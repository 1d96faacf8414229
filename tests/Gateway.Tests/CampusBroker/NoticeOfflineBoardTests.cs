using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Mqtt;

namespace SmartCampus.Edge.Gateway.Tests.CampusBroker;

/// <summary>Re-sends of unacknowledged notices pause while a board is offline and resume with a catch-up when it returns.</summary>
public sealed class NoticeOfflineBoardTests
{
    private const string B201 = "b201";
    private const string NoticeTopic = "campus/boards/b201/notice";

    [Fact]
    public async Task OfflineBoard_ResendsPause_ThenCatchUp()
    {
        await using var broker = await EmbeddedCampusBrokerPeer.StartAsync([B201]);
        await using var hub = await HubBench.StartAsync(broker, B201);
        await using var board = await hub.ConnectBoardAsync(B201);
        await board.SubscribeAsync("campus/boards/b201/#");
        await board.PublishAsync("campus/boards/b201/heartbeat", "{}");
        await hub.Sink.WaitForSamplesAsync("b201.online", 1);
        int Notices() => board.Received.Count(m => m.Topic == NoticeTopic);

        await hub.Hub.SendNoticeAsync(B201, new ClassBoardNotice("n-1", "停电通知"), CancellationToken.None);
        await hub.Sink.WaitUntilAsync(() => Notices() == 1, "the first notice");

        // Re-sends after 10 s, 20 s and 40 s; the last one announces the next in 80 s, due 150 s after the heartbeat.
        foreach (var (step, expected) in new[] { (10, 2), (20, 3), (40, 4) })
        {
            hub.Time.Advance(TimeSpan.FromSeconds(step));
            await hub.Sink.WaitUntilAsync(() => Notices() == expected, $"{expected} notices");
        }

        hub.Time.Advance(TimeSpan.FromSeconds(20));
        await hub.Sink.WaitForEventAsync(B201, DeviceEventTypes.Offline);
        var resentBefore = hub.Logger.Entries.Count(e => e.Id.Id == 2259);
        Assert.Contains(hub.Logger.Entries, e => e.Id.Id == 2273 && e.Message.Contains("b201", StringComparison.Ordinal) && e.Message.Contains(" 1 ", StringComparison.Ordinal));

        hub.Time.Advance(TimeSpan.FromMinutes(10));
        await Task.Delay(300);
        Assert.Equal(4, Notices());
        Assert.Equal(resentBefore, hub.Logger.Entries.Count(e => e.Id.Id == 2259));

        await board.PublishAsync("campus/boards/b201/heartbeat", "{}");
        await hub.Sink.WaitUntilAsync(() => Notices() == 5, "the catch-up notice");
        Assert.Contains(hub.Logger.Entries, e => e.Id.Id == 2263);

        // Back online, the re-sends start over at the first delay.
        hub.Time.Advance(TimeSpan.FromSeconds(10));
        await hub.Sink.WaitUntilAsync(() => Notices() == 6, "a re-send after the catch-up");

        // The paused time counted no attempts: three before the outage, this is the fourth.
        await hub.Sink.WaitUntilAsync(() => hub.Logger.Entries.Count(e => e.Id.Id == 2259) == resentBefore + 1, "the re-send's log entry");
        Assert.Contains("(attempt 4)", hub.Logger.Entries.Last(e => e.Id.Id == 2259).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoticeToOfflineBoard_NoResendUntilOnline()
    {
        await using var broker = await EmbeddedCampusBrokerPeer.StartAsync([B201]);
        await using var hub = await HubBench.StartAsync(broker, B201);
        await using var board = await hub.ConnectBoardAsync(B201);
        await board.SubscribeAsync("campus/boards/b201/#");
        await board.PublishAsync("campus/boards/b201/heartbeat", "{}");
        await hub.Sink.WaitForSamplesAsync("b201.online", 1);
        hub.Time.Advance(HubBench.HeartbeatTimeout);
        await hub.Sink.WaitForEventAsync(B201, DeviceEventTypes.Offline);

        await hub.Hub.SendNoticeAsync(B201, new ClassBoardNotice("n-2", "放学提前"), CancellationToken.None);
        await hub.Sink.WaitUntilAsync(() => board.Received.Count(m => m.Topic == NoticeTopic) == 1, "the notice");
        hub.Time.Advance(TimeSpan.FromMinutes(5));
        await Task.Delay(300);

        Assert.Equal(1, board.Received.Count(m => m.Topic == NoticeTopic));
        Assert.DoesNotContain(hub.Logger.Entries, e => e.Id.Id == 2259);
    }
}
