using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Protocol;

namespace SmartCampus.Edge.Reliability.Tests.Scale;

/// <summary>
/// A district consumer group: several MQTT 5 clients on one shared subscription (<c>$share/{group}/{filter}</c>), so
/// the broker spreads the batches over them. Keeps per gateway the records received and, for records whose payload
/// carries the producer's wall-clock time in <c>t</c> (Unix ms), the lag from production to arrival.
/// </summary>
internal sealed class ShareConsumer : IAsyncDisposable
{
    private readonly List<IMqttClient> _clients = [];
    private readonly ConcurrentDictionary<string, GatewayTally> _gateways = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<double> _lagMilliseconds = [];
    private readonly int[] _perConsumer;
    private long _records;

    private ShareConsumer(int consumers)
    {
        _perConsumer = new int[consumers];
    }

    public long Records => Interlocked.Read(ref _records);

    public IReadOnlyDictionary<string, GatewayTally> Gateways => _gateways;

    public IReadOnlyList<double> LagMilliseconds => [.. _lagMilliseconds];

    /// <summary>Batches each consumer received; the shared subscription should spread them.</summary>
    public IReadOnlyList<int> PerConsumer => _perConsumer;

    public static async Task<ShareConsumer> ConnectAsync(int port, int consumers, string group, string filter)
    {
        var consumer = new ShareConsumer(consumers);
        for (var index = 0; index < consumers; index++)
        {
            var client = new MqttClientFactory().CreateMqttClient();
            var slot = index;
            client.ApplicationMessageReceivedAsync += args =>
            {
                Interlocked.Increment(ref consumer._perConsumer[slot]);
                consumer.Record(args.ApplicationMessage.Topic, args.ApplicationMessage.Payload.ToArray());
                return Task.CompletedTask;
            };
            await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId($"district-consumer-{index}")
                .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500).WithTimeout(TimeSpan.FromSeconds(10)).Build());
            var result = await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter($"$share/{group}/{filter}", MqttQualityOfServiceLevel.AtLeastOnce).Build());
            Assert.All(result.Items, item => Assert.True((int)item.ResultCode <= 2, $"Shared subscription was rejected: {item.ResultCode}"));
            consumer._clients.Add(client);
        }

        return consumer;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            if (client.IsConnected)
            {
                await client.DisconnectAsync();
            }

            client.Dispose();
        }
    }

    private void Record(string topic, byte[] payload)
    {
        var levels = topic.Split('/');
        if (levels.Length != 4 || levels[3] is not ("alarms" or "events" or "telemetry"))
        {
            return;
        }

        var now = TimeProvider.System.GetUtcNow();
        var tally = _gateways.GetOrAdd(levels[2], _ => new GatewayTally());
        using var batch = JsonDocument.Parse(payload);
        foreach (var record in batch.RootElement.GetProperty("records").EnumerateArray())
        {
            Interlocked.Increment(ref _records);
            tally.Add(record.GetProperty("sequence").GetInt64(), TimeProvider.System.GetTimestamp());
            if (record.TryGetProperty("payload", out var body) && body.ValueKind == JsonValueKind.Object && body.TryGetProperty("t", out var produced))
            {
                _lagMilliseconds.Add((now - DateTimeOffset.FromUnixTimeMilliseconds(produced.GetInt64())).TotalMilliseconds);
            }
        }
    }
}
