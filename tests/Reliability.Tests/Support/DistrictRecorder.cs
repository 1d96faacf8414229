using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Protocol;

namespace SmartCampus.Edge.Reliability.Tests.Support;

/// <summary>
/// The district side of a test: one MQTT 5 client with a persistent session on <c>{prefix}/#</c> that keeps every
/// record sequence it receives per gateway and lane. The session outlives broker restarts (with broker persistence),
/// so records published while the recorder reconnects are queued for it, as for a real district consumer.
/// </summary>
internal sealed class DistrictRecorder : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly MqttClientOptions _options;
    private readonly string _filter;
    private readonly ConcurrentDictionary<(string Gateway, string Lane), ConcurrentQueue<long>> _sequences = new();
    private readonly ConcurrentQueue<DistrictArrival> _arrivals = new();
    private readonly ConcurrentQueue<(string Gateway, string Status, long Timestamp)> _statuses = new();
    private long _messages;

    private DistrictRecorder(string host, int port, string filter, string clientId)
    {
        _filter = filter;
        _options = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId(clientId)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithCleanStart(false)
            .WithSessionExpiryInterval(3600)
            .WithTimeout(TimeSpan.FromSeconds(10))
            .Build();
        _client.ApplicationMessageReceivedAsync += args =>
        {
            Record(args.ApplicationMessage.Topic, args.ApplicationMessage.Payload.ToArray());
            return Task.CompletedTask;
        };
    }

    public long MessageCount => Interlocked.Read(ref _messages);

    public static async Task<DistrictRecorder> ConnectAsync(string host, int port, string filter = "district/#", string? clientId = null)
    {
        var recorder = new DistrictRecorder(host, port, filter, clientId ?? $"district-recorder-{Guid.NewGuid():N}");
        await recorder.ReconnectAsync();
        return recorder;
    }

    /// <summary>Connects again after the broker restarted; the persistent session brings what was queued.</summary>
    public async Task ReconnectAsync()
    {
        if (_client.IsConnected)
        {
            return;
        }

        var connected = await _client.ConnectAsync(_options);
        if (!connected.IsSessionPresent)
        {
            var result = await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(_filter, MqttQualityOfServiceLevel.AtLeastOnce).Build());
            Assert.All(result.Items, item => Assert.True((int)item.ResultCode <= 2, $"Subscription to {_filter} was rejected: {item.ResultCode}"));
        }
    }

    /// <summary>Sequences received for one gateway and lane, in arrival order, duplicates included.</summary>
    public IReadOnlyList<long> Sequences(string gatewayId, string lane) =>
        _sequences.TryGetValue((gatewayId, lane), out var queue) ? [.. queue] : [];

    public IReadOnlyCollection<(string Gateway, string Lane)> Streams => [.. _sequences.Keys];

    /// <summary>Every record received, with its arrival time from <see cref="TimeProvider.GetTimestamp"/>.</summary>
    public IReadOnlyList<DistrictArrival> Arrivals => [.. _arrivals];

    /// <summary>Status messages (<c>online</c>/<c>offline</c>) with their arrival time.</summary>
    public IReadOnlyList<(string Gateway, string Status, long Timestamp)> Statuses => [.. _statuses];

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }

    private void Record(string topic, byte[] payload)
    {
        // {prefix}/{school}/{gateway}/{lane}; the status and cmd-result topics carry no records.
        var now = TimeProvider.System.GetTimestamp();
        var arrivedAt = TimeProvider.System.GetUtcNow();
        var levels = topic.Split('/');
        if (levels.Length == 4 && levels[3] == "status")
        {
            using var status = JsonDocument.Parse(payload);
            _statuses.Enqueue((levels[2], status.RootElement.GetProperty("status").GetString() ?? string.Empty, now));
            return;
        }

        if (levels.Length != 4 || levels[3] is not ("alarms" or "events" or "telemetry"))
        {
            return;
        }

        Interlocked.Increment(ref _messages);
        using var batch = JsonDocument.Parse(payload);
        var queue = _sequences.GetOrAdd((levels[2], levels[3]), _ => new ConcurrentQueue<long>());
        foreach (var record in batch.RootElement.GetProperty("records").EnumerateArray())
        {
            var sequence = record.GetProperty("sequence").GetInt64();
            queue.Enqueue(sequence);
            _arrivals.Enqueue(new DistrictArrival(levels[2], levels[3], sequence, record.GetProperty("type").GetString() ?? string.Empty, now)
            {
                CreatedAt = record.TryGetProperty("createdAt", out var created) ? created.GetDateTimeOffset() : default,
                ArrivedAt = arrivedAt,
            });
        }
    }
}
