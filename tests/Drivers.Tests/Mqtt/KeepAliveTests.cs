using System.Text;
using MQTTnet;
using SmartCampus.Edge.Drivers.Mqtt;
using SmartCampus.Edge.TestPeers;

namespace SmartCampus.Edge.Drivers.Tests.Mqtt;

/// <summary>
/// The gateway's keep-alive against a real Mosquitto, through a relay that withholds every PINGRESP: while
/// messages keep arriving the connection stays (a burst once ended it, and the clean session lost every queued
/// message); when nothing arrives at all the gateway closes the connection and connects again.
/// </summary>
public sealed class KeepAliveTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task LatePingResp_MessagesFlowing_Kept()
    {
        await using var mosquitto = await MosquittoBroker.StartAsync();
        await using var proxy = new PingAnswerDroppingProxy(mosquitto.Host, mosquitto.Port);
        var logger = new TestLogger<KeepAliveTests>();
        long received = 0;
        using var session = new CampusMqttSession(
            Options(proxy.Port, "gw-keepalive-busy"),
            TimeProvider.System,
            logger,
            ["campus/sensors/#"],
            _ =>
            {
                Interlocked.Increment(ref received);
                return Task.CompletedTask;
            },
            _ => Task.CompletedTask);
        using var stop = new CancellationTokenSource();
        var run = session.RunAsync(stop.Token);
        Assert.True(await Eventually.WaitUntilAsync(() => session.SubscriptionsActive, Wait), mosquitto.Output);

        // Three keep-alive periods of steady traffic, each ping answer withheld.
        const int Messages = 100;
        using var publisher = new MqttClientFactory().CreateMqttClient();
        await publisher.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(mosquitto.Host, mosquitto.Port).WithClientId("aq-201").Build());
        for (var i = 0; i < Messages; i++)
        {
            await publisher.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("campus/sensors/aq-201/air").WithPayload(Encoding.UTF8.GetBytes("{\"pm25\":35}")).Build());
            await Task.Delay(60);
        }

        Assert.True(await Eventually.WaitUntilAsync(() => Interlocked.Read(ref received) == Messages, Wait), $"{Interlocked.Read(ref received)} of {Messages} messages arrived.");
        await stop.CancelAsync();
        await run.WaitAsync(Wait);

        Assert.True(proxy.DroppedPingAnswers >= 2, $"Only {proxy.DroppedPingAnswers} ping answers were withheld.");
        Assert.True(session.PingsOverdue >= 2, $"Only {session.PingsOverdue} overdue pings were counted.");
        Assert.True(logger.Entries.Count(e => e.Id.Id == 2241) == 1, Describe(logger));
        Assert.False(logger.Entries.Any(e => e.Id.Id is 2242 or 2243 or 2271), Describe(logger));
    }

    [Fact]
    public async Task NoPingResp_Silence_Reconnects()
    {
        await using var mosquitto = await MosquittoBroker.StartAsync();
        await using var proxy = new PingAnswerDroppingProxy(mosquitto.Host, mosquitto.Port);
        var logger = new TestLogger<KeepAliveTests>();
        using var session = new CampusMqttSession(Options(proxy.Port, "gw-keepalive-silent"), TimeProvider.System, logger, ["campus/sensors/#"], _ => Task.CompletedTask, _ => Task.CompletedTask);
        using var stop = new CancellationTokenSource();
        var run = session.RunAsync(stop.Token);

        Assert.True(await Eventually.WaitUntilAsync(() => logger.Entries.Any(e => e.Id.Id == 2271) && logger.Entries.Count(e => e.Id.Id == 2241) >= 2, Wait), Describe(logger));
        await stop.CancelAsync();
        await run.WaitAsync(Wait);

        Assert.Equal(0, session.PingsOverdue);
    }

    private static string Describe(TestLogger<KeepAliveTests> logger) =>
        string.Join(Environment.NewLine, logger.Entries.Where(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Information).Select(e => $"{e.Id.Id} {e.Message}"));

    private static CampusMqttOptions Options(int port, string clientId) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        ClientId = clientId,
        KeepAlive = TimeSpan.FromSeconds(2),
        ReconnectDelay = TimeSpan.FromMilliseconds(50),
        MaxReconnectDelay = TimeSpan.FromMilliseconds(200),
    };
}
