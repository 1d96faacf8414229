using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Mqtt;
using SmartCampus.Edge.Drivers.Mqtt.Sensors;
using SmartCampus.Edge.Gateway.CampusBroker;
using SmartCampus.Edge.TestPeers;

namespace SmartCampus.Edge.Benchmarks.Campus;

/// <summary>
/// Device messages per second from MQTT clients through the embedded broker into point updates (MqttSensorDriver
/// samples), next to Mosquitto's own publish-to-subscribe rate for the same clients, payload and QoS in the same run.
/// </summary>
public sealed class CampusIngestScenario : IScenario
{
    private const int Publishers = 4;
    private const int MessagesPerPublisher = 25_000;
    private const int Rounds = 3;

    private static readonly byte[] Payload = Encoding.UTF8.GetBytes("""{"data":{"pm25":35,"co2":612,"t":23.4},"seq":123456}""");

    public string Name => "campus-ingest";

    public string Description => $"{Publishers} MQTT clients × {MessagesPerPublisher} messages of {Payload.Length} B, QoS 0: embedded broker → sensor driver vs Mosquitto pub → sub";

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        if (Environment.GetEnvironmentVariable("CAMPUS_INGEST_EMBEDDED_ONLY") == "1")
        {
            for (var round = 1; round <= Rounds; round++)
            {
                var plain = await RunEmbeddedPlainAsync(cancellationToken);
                var embeddedOnly = await RunEmbeddedAsync(cancellationToken);
                var load = await ReadLoadAsync();
                await output.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"embedded round {round}: broker → plain MQTTnet subscriber {plain.Rate:F0} msg/s ({plain.Received}/{plain.Sent}); broker → sensor driver → points {embeddedOnly.Rate:F0} msg/s ({embeddedOnly.Received}/{embeddedOnly.Sent}); load {load}"));
            }

            return;
        }

        await output.WriteLineAsync($"payload {Payload.Length} B, {Publishers} publishers, {Publishers * MessagesPerPublisher} messages per round, {Rounds} rounds each, alternating");
        // Round 0 warms up the JIT and both code paths and is not reported.
        await RunMosquittoAsync(cancellationToken);
        await RunEmbeddedAsync(cancellationToken);
        for (var round = 1; round <= Rounds; round++)
        {
            var mosquitto = await RunMosquittoAsync(cancellationToken);
            var embedded = await RunEmbeddedAsync(cancellationToken);
            var load = await ReadLoadAsync();
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"round {round}: mosquitto pub→sub {mosquitto.Rate:F0} msg/s ({mosquitto.Received}/{mosquitto.Sent}); embedded → points {embedded.Rate:F0} msg/s ({embedded.Received}/{embedded.Sent}); ratio {embedded.Rate / mosquitto.Rate:P0}; load {load}"));
        }
    }

    private static async Task<(double Rate, long Received, long Sent)> RunEmbeddedAsync(CancellationToken cancellationToken)
    {
        var accounts = new List<CampusBrokerAccount> { CampusBrokerAccount.ForGateway("gateway", "gw") };
        accounts.AddRange(Enumerable.Range(0, Publishers).Select(i => new CampusBrokerAccount($"aq-{i}", "s", $"campus/sensors/aq-{i}/")));
        var brokerLog = new TestLogger<CampusBrokerHost>();
        await using var host = new CampusBrokerHost(
            new CampusBrokerOptions { ListenAddress = IPAddress.Loopback, Port = 0, Accounts = accounts, MaxPendingMessagesPerClient = 1_000_000 },
            brokerLog);
        await host.StartAsync(cancellationToken);

        var mapping = new MqttSensorMapping
        {
            TopicFilter = "campus/sensors/+/air",
            DeviceIdTopicLevel = 2,
            Points = [new MqttSensorPointOptions { Name = "pm25", JsonPath = "data.pm25" }],
        };
        var keepAlive = int.TryParse(Environment.GetEnvironmentVariable("CAMPUS_INGEST_KEEPALIVE"), out var k) ? TimeSpan.FromSeconds(k) : new CampusMqttOptions { Host = "x", ClientId = "x" }.KeepAlive;
        var mqtt = new CampusMqttOptions { Host = "127.0.0.1", Port = host.BoundPort, Username = "gateway", Password = "gw", ClientId = "bench-gw", KeepAlive = keepAlive };
        var sink = new CountingSink();
        var driverLog = new TestLogger<MqttSensorDriver>();
        var driver = new MqttSensorDriver(mqtt, [mapping], new GatewayClock(TimeProvider.System, "bench"), driverLog);
        using var stop = new CancellationTokenSource();
        var run = driver.RunAsync(sink, stop.Token);
        while (!driver.SubscriptionsActive)
        {
            await Task.Delay(10, cancellationToken);
        }

        var result = await PublishAndWaitAsync(host.BoundPort, i => ($"aq-{i}", "s"), () => sink.Samples, () => sink.LastTimestamp, cancellationToken);
        await stop.CancelAsync();
        await run;
        await driver.DisposeAsync();

        // A short round is explained by what the broker and the driver logged, for example a lost connection.
        if (result.Received < result.Sent)
        {
            foreach (var entry in brokerLog.Entries.Concat(driverLog.Entries).Where(e => e.Level >= LogLevel.Warning).Take(10))
            {
                Console.Error.WriteLine($"  short round: {entry.Level} {entry.Id.Id} {entry.Message}");
            }
        }

        return result;
    }

    /// <summary>Measures the embedded broker with a bare MQTTnet subscriber in place of the driver, to separate the broker's cost from the driver's.</summary>
    private static async Task<(double Rate, long Received, long Sent)> RunEmbeddedPlainAsync(CancellationToken cancellationToken)
    {
        var accounts = new List<CampusBrokerAccount> { CampusBrokerAccount.ForGateway("gateway", "gw") };
        accounts.AddRange(Enumerable.Range(0, Publishers).Select(i => new CampusBrokerAccount($"aq-{i}", "s", $"campus/sensors/aq-{i}/")));
        await using var host = new CampusBrokerHost(
            new CampusBrokerOptions { ListenAddress = IPAddress.Loopback, Port = 0, Accounts = accounts, MaxPendingMessagesPerClient = 1_000_000 },
            new TestLogger<CampusBrokerHost>());
        await host.StartAsync(cancellationToken);

        using var subscriber = new MqttClientFactory().CreateMqttClient();
        long received = 0;
        long last = 0;
        subscriber.ApplicationMessageReceivedAsync += _ =>
        {
            Interlocked.Exchange(ref last, Stopwatch.GetTimestamp());
            Interlocked.Increment(ref received);
            return Task.CompletedTask;
        };
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", host.BoundPort).WithClientId("bench-sub").WithCredentials("gateway", "gw").Build();
        await subscriber.ConnectAsync(options, cancellationToken);
        await subscriber.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("campus/sensors/+/air", MqttQualityOfServiceLevel.AtLeastOnce).Build(), cancellationToken);

        var result = await PublishAndWaitAsync(host.BoundPort, i => ($"aq-{i}", "s"), () => Interlocked.Read(ref received), () => Interlocked.Read(ref last), cancellationToken);
        await subscriber.DisconnectAsync(cancellationToken: cancellationToken);
        return result;
    }

    private static async Task<(double Rate, long Received, long Sent)> RunMosquittoAsync(CancellationToken cancellationToken)
    {
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoBrokerOptions { MaxQueuedMessages = 1_000_000 }, cancellationToken);
        using var subscriber = new MqttClientFactory().CreateMqttClient();
        long received = 0;
        long last = 0;
        subscriber.ApplicationMessageReceivedAsync += _ =>
        {
            Interlocked.Exchange(ref last, Stopwatch.GetTimestamp());
            Interlocked.Increment(ref received);
            return Task.CompletedTask;
        };
        await subscriber.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(broker.Host, broker.Port).WithClientId("bench-sub").Build(), cancellationToken);
        await subscriber.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("campus/sensors/+/air", MqttQualityOfServiceLevel.AtLeastOnce).Build(), cancellationToken);

        var result = await PublishAndWaitAsync(broker.Port, _ => (null, null), () => Interlocked.Read(ref received), () => Interlocked.Read(ref last), cancellationToken);
        await subscriber.DisconnectAsync(cancellationToken: cancellationToken);
        return result;
    }

    /// <summary>Connects the publishers, sends every message, waits until the count stops growing, and returns count / (last arrival − first send).</summary>
    private static async Task<(double Rate, long Received, long Sent)> PublishAndWaitAsync(
        int port,
        Func<int, (string? User, string? Password)> credentials,
        Func<long> count,
        Func<long> lastArrival,
        CancellationToken cancellationToken)
    {
        var clients = new List<IMqttClient>();
        for (var i = 0; i < Publishers; i++)
        {
            var client = new MqttClientFactory().CreateMqttClient();
            var builder = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId($"bench-pub-{i}");
            var (user, password) = credentials(i);
            if (user is not null)
            {
                builder = builder.WithCredentials(user, password);
            }

            await client.ConnectAsync(builder.Build(), cancellationToken);
            clients.Add(client);
        }

        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(clients.Select((client, i) => Task.Run(
            async () =>
            {
                var message = new MqttApplicationMessageBuilder().WithTopic($"campus/sensors/aq-{i}/air").WithPayload(Payload).Build();
                for (var n = 0; n < MessagesPerPublisher; n++)
                {
                    await client.PublishAsync(message, cancellationToken);
                }
            },
            cancellationToken)));

        const long sent = (long)Publishers * MessagesPerPublisher;
        var previous = -1L;
        while (count() < sent && count() != previous)
        {
            previous = count();
            // A count that does not grow for 3 s ends the wait; on a loaded 2-core machine 0.5 s cut runs short.
            await Task.Delay(3000, cancellationToken);
        }

        var received = count();
        var seconds = Stopwatch.GetElapsedTime(started, lastArrival()).TotalSeconds;
        foreach (var client in clients)
        {
            await client.DisconnectAsync(cancellationToken: cancellationToken);
            client.Dispose();
        }

        return (received / seconds, received, sent);
    }

    private static async Task<string> ReadLoadAsync()
    {
        var text = await File.ReadAllTextAsync("/proc/loadavg");
        return string.Join(' ', text.Split(' ').Take(3));
    }
}
