using MQTTnet.Packets;
using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace SmartCampus.Edge.Sync.Tests.Support;

/// <summary>
/// Plays the district platform: an MQTTnet client with a persistent session that subscribes to one gateway's
/// topics at QoS 1, keeps every message, and reconnects by itself (subscribing again after each connect).
/// </summary>
public sealed class DistrictSubscriber : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly MqttClientOptions _options;
    private readonly string _topicFilter;
    private readonly ConcurrentQueue<ReceivedMessage> _messages = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _reconnectLoop;

    private DistrictSubscriber(string host, int port, string topicFilter, Action<MqttClientOptionsBuilder>? configure)
    {
        _topicFilter = topicFilter;
        var builder = new MqttClientOptionsBuilder();
        configure?.Invoke(builder);
        _options = builder
            .WithTcpServer(host, port)
            .WithClientId("district-test-" + Guid.NewGuid().ToString("N")[..8])
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(false)
            .WithSessionExpiryInterval(3600)
            .WithTimeout(TimeSpan.FromSeconds(5))
            .Build();

        _client.ApplicationMessageReceivedAsync += args =>
        {
            var message = args.ApplicationMessage;
            var encoding = message.UserProperties?.FirstOrDefault(property => property.Name == "content-encoding")?.ReadValueAsString();
            _messages.Enqueue(new ReceivedMessage(message.Topic, message.Payload.ToArray(), message.Retain, encoding, message.ContentType));
            return Task.CompletedTask;
        };
    }

    public IReadOnlyList<ReceivedMessage> Messages => [.. _messages];

    public static async Task<DistrictSubscriber> StartAsync(string host, int port, string topicFilter, Action<MqttClientOptionsBuilder>? configure = null)
    {
        var subscriber = new DistrictSubscriber(host, port, topicFilter, configure);
        await subscriber.ConnectAndSubscribeAsync(CancellationToken.None);
        subscriber._reconnectLoop = subscriber.KeepConnectedAsync();
        return subscriber;
    }

    /// <summary>Messages on the topic ending in "/{lastLevel}", e.g. "telemetry" or "status".</summary>
    public IReadOnlyList<ReceivedMessage> On(string lastLevel) => Messages.Where(message => message.Topic.EndsWith("/" + lastLevel, StringComparison.Ordinal)).ToList();

    /// <summary>Record sequences received on a lane topic, in arrival order, duplicates included.</summary>
    public IReadOnlyList<long> SequencesOn(string lane) => On(lane).SelectMany(message => message.Sequences()).ToList();

    public async Task WaitUntilAsync(Func<DistrictSubscriber, bool> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(15);
        var waited = Stopwatch.StartNew();
        while (!condition(this))
        {
            if (waited.Elapsed > limit)
            {
                throw new TimeoutException($"Timed out waiting for {what}; {Messages.Count} messages received: "
                    + string.Join(", ", Messages.Select(message => message.Topic)));
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_reconnectLoop is not null)
        {
            await _reconnectLoop;
        }

        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build());
        }

        _client.Dispose();
        _stop.Dispose();
    }

    private async Task ConnectAndSubscribeAsync(CancellationToken cancellationToken)
    {
        await _client.ConnectAsync(_options, cancellationToken);

        // Subscribe after every connect, session present or not: a broker restarted without persistence loses the session.
        var subscription = new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(_topicFilter, MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        var result = await _client.SubscribeAsync(subscription, cancellationToken);
        var granted = result.Items.Single().ResultCode;
        if (granted != MqttClientSubscribeResultCode.GrantedQoS1)
        {
            throw new InvalidOperationException($"Subscription to {_topicFilter} returned {granted}.");
        }
    }

    private async Task KeepConnectedAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                if (!_client.IsConnected)
                {
                    await ConnectAndSubscribeAsync(_stop.Token);
                }

                await Task.Delay(20, _stop.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception)
            {
                // Broker down: try again shortly.
                await Task.Delay(50, CancellationToken.None);
            }
        }
    }
}
