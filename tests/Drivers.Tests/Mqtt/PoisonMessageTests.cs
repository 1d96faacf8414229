using System.Text;
using MQTTnet;
using MQTTnet.Protocol;
using SmartCampus.Edge.Drivers.Mqtt;
using SmartCampus.Edge.Drivers.Tests.Gpio;
using SmartCampus.Edge.TestPeers;

namespace SmartCampus.Edge.Drivers.Tests.Mqtt;

/// <summary>A retained message whose handling fails, delivered by a real Mosquitto at every subscribe.</summary>
public sealed class PoisonMessageTests
{
    [Fact]
    public async Task RetainedPoison_DoesNotEndSession()
    {
        await using var mosquitto = await MosquittoBroker.StartAsync();
        await PublishAsync(mosquitto, "campus/sensors/poison", "{\"pm25\":", retain: true);

        var logger = new TestLogger<PoisonMessageTests>();
        var received = new List<string>();
        var options = new CampusMqttOptions
        {
            Host = mosquitto.Host,
            Port = mosquitto.Port,
            ClientId = "gw-poison-test",
            ReconnectDelay = TimeSpan.FromMilliseconds(50),
        };
        using var session = new CampusMqttSession(
            options,
            TimeProvider.System,
            logger,
            ["campus/#"],
            args =>
            {
                if (args.ApplicationMessage.Topic.EndsWith("/poison", StringComparison.Ordinal))
                {
                    throw new FormatException("payload ends inside an object");
                }

                lock (received)
                {
                    received.Add(args.ApplicationMessage.Topic);
                }

                return Task.CompletedTask;
            },
            _ => Task.CompletedTask);
        using var stop = new CancellationTokenSource();
        var run = session.RunAsync(stop.Token);

        await WaitUntilAsync(() => session.HandlerFailureCount == 1 && session.SubscriptionsActive);
        await PublishAsync(mosquitto, "campus/sensors/room-201", "{\"pm25\":12}", retain: false);
        await WaitUntilAsync(() => { lock (received) { return received.Contains("campus/sensors/room-201"); } });
        await Task.Delay(300);

        Assert.Equal(1, session.HandlerFailureCount);
        Assert.True(session.IsConnected);
        Assert.Single(logger.Entries, e => e.Id.Id == 2241);
        Assert.Contains(logger.Entries, e => e.Id.Id == 2264 && e.Message.Contains("campus/sensors/poison", StringComparison.Ordinal));
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static async Task PublishAsync(MosquittoBroker broker, string topic, string payload, bool retain)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(broker.Host, broker.Port).Build(), timeout.Token);
        await client.PublishAsync(
            new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(Encoding.UTF8.GetBytes(payload)).WithRetainFlag(retain).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(),
            timeout.Token);
        await client.DisconnectAsync(cancellationToken: timeout.Token);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var started = DateTime.UtcNow;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5), "condition not met within 5 s");
            await Task.Delay(10);
        }
    }
}
