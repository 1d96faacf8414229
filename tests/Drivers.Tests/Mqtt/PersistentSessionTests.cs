using System.Text;
using MQTTnet;
using MQTTnet.Protocol;
using SmartCampus.Edge.Drivers.Mqtt;
using SmartCampus.Edge.TestPeers;

namespace SmartCampus.Edge.Drivers.Tests.Mqtt;

/// <summary>
/// The gateway's persistent session on a real Mosquitto used as external campus broker: a message whose handler
/// fails is acknowledged once and never delivered again, a lost session is noticed and subscribed again, and a
/// message that ends every connection is detected as a session loop and left behind.
/// </summary>
public sealed class PersistentSessionTests
{
    private const string Poison = "campus/sensors/aq-201/poison";
    /// <summary>Generous: the loop test needs three reconnects, each with a take-over connection, on a busy machine.</summary>
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task PoisonQueuedWhileAway_AcknowledgedOnce()
    {
        await using var mosquitto = await MosquittoBroker.StartAsync(new MosquittoBrokerOptions { Persistence = true });
        var probe = new Probe();
        var options = Options(mosquitto, "gw-poison-persistent");

        // A first visit leaves the session on the broker; the poison and a good message queue up in it.
        await using (var first = Run(options, probe, new TestLogger<PersistentSessionTests>()))
        {
            Assert.True(await Eventually.WaitUntilAsync(() => first.Session.SubscriptionsActive, Wait), mosquitto.Output);
        }

        await PublishAsync(mosquitto, Poison, "{\"pm25\":");
        await PublishAsync(mosquitto, "campus/sensors/aq-201/state", "{\"pm25\":12}");

        var logger = new TestLogger<PersistentSessionTests>();
        await using var second = Run(options, probe, logger);
        Assert.True(await Eventually.WaitUntilAsync(() => probe.Received("campus/sensors/aq-201/state") == 1, Wait), "The message queued in the persistent session did not arrive.");
        Assert.Equal(1, probe.PoisonCalls);
        Assert.Equal(1, second.Session.HandlerFailureCount);

        // A graceful restart keeps the session; an unacknowledged poison would come back now.
        await mosquitto.StopAsync(graceful: true);
        await mosquitto.StartAgainAsync();
        Assert.True(await Eventually.WaitUntilAsync(() => second.Session.SubscriptionsActive, Wait), mosquitto.Output);
        await PublishAsync(mosquitto, "campus/sensors/aq-201/marker", "{}");
        Assert.True(await Eventually.WaitUntilAsync(() => probe.Received("campus/sensors/aq-201/marker") == 1, Wait), "No message arrived after the broker restart.");

        Assert.Equal(1, probe.PoisonCalls);
        Assert.Equal(0, second.Session.SessionsLost);
        Assert.Contains(logger.Entries, e => e.Id.Id == 2241 && e.Message.Contains("session present: True", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BrokerRestartWithoutPersistence_SessionLostAndResubscribed()
    {
        await using var mosquitto = await MosquittoBroker.StartAsync();
        var probe = new Probe();
        var logger = new TestLogger<PersistentSessionTests>();
        await using var run = Run(Options(mosquitto, "gw-session-lost"), probe, logger);
        Assert.True(await Eventually.WaitUntilAsync(() => run.Session.SubscriptionsActive, Wait), mosquitto.Output);

        await mosquitto.StopAsync();
        await mosquitto.StartAgainAsync();
        Assert.True(await Eventually.WaitUntilAsync(() => run.Session.SessionsLost == 1 && run.Session.SubscriptionsActive, Wait), "The lost session was not noticed.");
        await PublishAsync(mosquitto, "campus/sensors/aq-201/state", "{\"co2\":900}");

        Assert.True(await Eventually.WaitUntilAsync(() => probe.Received("campus/sensors/aq-201/state") == 1, Wait), "The renewed subscription did not deliver.");
        Assert.Single(logger.Entries, e => e.Id.Id == 2265);
    }

    [Fact]
    public async Task EveryConnectionEndingMessage_LoopDetected()
    {
        await using var mosquitto = await MosquittoBroker.StartAsync();
        var options = Options(mosquitto, "gw-session-loop");

        // Another client taking the same client id over while the poison is handled ends the connection before
        // the acknowledgement, so the broker delivers the poison again at every reconnect, as a message that
        // crashes the connection would.
        var probe = new Probe(onPoison: () => TakeOverAsync(mosquitto, options.ClientId));
        await using (var first = Run(options, new Probe(), new TestLogger<PersistentSessionTests>()))
        {
            Assert.True(await Eventually.WaitUntilAsync(() => first.Session.SubscriptionsActive, Wait), mosquitto.Output);
        }

        await PublishAsync(mosquitto, Poison, "{\"pm25\":");

        var logger = new TestLogger<PersistentSessionTests>();
        await using var run = Run(options, probe, logger);
        Assert.True(await Eventually.WaitUntilAsync(() => run.Session.SessionLoopTopic is not null, Wait), $"No session loop detected after {probe.PoisonCalls} deliveries of the poison.");
        Assert.True(await Eventually.WaitUntilAsync(() => run.Session.SubscriptionsActive, Wait), mosquitto.Output);
        await PublishAsync(mosquitto, "campus/sensors/aq-201/state", "{\"pm25\":12}");
        Assert.True(await Eventually.WaitUntilAsync(() => probe.Received("campus/sensors/aq-201/state") == 1, Wait), "Other topics stopped working after the loop.");
        await Task.Delay(300);

        Assert.Equal(Poison, run.Session.SessionLoopTopic);
        Assert.Equal(options.SessionLoopThreshold, probe.PoisonCalls);
        Assert.Single(logger.Entries, e => e.Id.Id == 2266 && e.Message.Contains(Poison, StringComparison.Ordinal));
    }

    private static CampusMqttOptions Options(MosquittoBroker broker, string clientId) => new()
    {
        Host = broker.Host,
        Port = broker.Port,
        ClientId = clientId,
        PersistentSession = true,
        ReconnectDelay = TimeSpan.FromMilliseconds(50),
        MaxReconnectDelay = TimeSpan.FromMilliseconds(400),
    };

    private static Running Run(CampusMqttOptions options, Probe probe, TestLogger<PersistentSessionTests> logger)
    {
        var session = new CampusMqttSession(options, TimeProvider.System, logger, ["campus/sensors/#"], probe.HandleAsync, _ => Task.CompletedTask);
        var stop = new CancellationTokenSource();
        return new Running(session, stop, session.RunAsync(stop.Token));
    }

    private static async Task PublishAsync(MosquittoBroker broker, string topic, string payload)
    {
        using var client = new MqttClientFactory().CreateMqttClient();

        // The take-over inherits the session, so the broker may deliver the in-flight poison to it. Without an
        // acknowledgement the poison stays in the session and reaches the gateway at its next connect.
        client.ApplicationMessageReceivedAsync += args =>
        {
            args.AutoAcknowledge = false;
            return Task.CompletedTask;
        };

        // A take-over that timed out would let the gateway acknowledge the poison, and the loop would never form.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(broker.Host, broker.Port).Build(), timeout.Token);
        await client.PublishAsync(
            new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(Encoding.UTF8.GetBytes(payload)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(),
            timeout.Token);
        await client.DisconnectAsync(cancellationToken: timeout.Token);
    }

    private static async Task TakeOverAsync(MosquittoBroker broker, string clientId)
    {
        using var client = new MqttClientFactory().CreateMqttClient();

        // The take-over inherits the session, so the broker may deliver the in-flight poison to it. Without an
        // acknowledgement the poison stays in the session and reaches the gateway at its next connect.
        client.ApplicationMessageReceivedAsync += args =>
        {
            args.AutoAcknowledge = false;
            return Task.CompletedTask;
        };

        // A take-over that timed out would let the gateway acknowledge the poison, and the loop would never form.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(broker.Host, broker.Port)
            .WithClientId(clientId)
            .WithCleanStart(false)
            .WithSessionExpiryInterval(3600)
            .Build();
        await client.ConnectAsync(options, timeout.Token);
        await client.DisconnectAsync(cancellationToken: timeout.Token);
    }

    private sealed class Probe(Func<Task>? onPoison = null)
    {
        private readonly Lock _sync = new();
        private readonly List<string> _topics = [];
        private int _poisonCalls;

        public int PoisonCalls => Volatile.Read(ref _poisonCalls);

        public int Received(string topic)
        {
            lock (_sync)
            {
                return _topics.Count(t => t == topic);
            }
        }

        public async Task HandleAsync(MqttApplicationMessageReceivedEventArgs args)
        {
            if (args.ApplicationMessage.Topic == Poison)
            {
                Interlocked.Increment(ref _poisonCalls);
                if (onPoison is not null)
                {
                    await onPoison();
                }

                throw new FormatException("payload ends inside an object");
            }

            lock (_sync)
            {
                _topics.Add(args.ApplicationMessage.Topic);
            }
        }
    }

    private sealed class Running(CampusMqttSession session, CancellationTokenSource stop, Task run) : IAsyncDisposable
    {
        public CampusMqttSession Session => session;

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(10));
            session.Dispose();
            stop.Dispose();
        }
    }
}
