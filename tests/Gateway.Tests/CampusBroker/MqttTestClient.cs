using System.Text;
using MQTTnet;
using MQTTnet.Protocol;

namespace SmartCampus.Edge.Gateway.Tests.CampusBroker;

/// <summary>An MQTTnet client for tests (a class board or an observer) that keeps every message it receives.</summary>
public sealed class MqttTestClient : IAsyncDisposable
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(5);

    private readonly IMqttClient _client;
    private readonly Lock _sync = new();
    private readonly List<ReceivedMessage> _received = [];

    private MqttTestClient(IMqttClient client)
    {
        _client = client;
        _client.ApplicationMessageReceivedAsync += args =>
        {
            var message = args.ApplicationMessage;
            lock (_sync)
            {
                _received.Add(new ReceivedMessage(message.Topic, Encoding.UTF8.GetString(message.Payload), message.Retain));
            }

            return Task.CompletedTask;
        };
    }

    public sealed record ReceivedMessage(string Topic, string Payload, bool Retain);

    public IReadOnlyList<ReceivedMessage> Received
    {
        get
        {
            lock (_sync)
            {
                return [.. _received];
            }
        }
    }

    public bool IsConnected => _client.IsConnected;

    /// <summary>Connects; throws with the broker's result code when the broker refuses.</summary>
    public static async Task<MqttTestClient> ConnectAsync(string host, int port, string? username, string? password, string? clientId = null)
    {
        var (client, result) = await TryConnectAsync(host, port, username, password, clientId);
        if (result != MqttClientConnectResultCode.Success)
        {
            await client.DisposeAsync();
            throw new InvalidOperationException($"The broker at {host}:{port} refused {username}: {result}.");
        }

        return client;
    }

    public static async Task<(MqttTestClient Client, MqttClientConnectResultCode Result)> TryConnectAsync(
        string host, int port, string? username, string? password, string? clientId = null)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId(clientId ?? $"test-{Guid.NewGuid():N}")
            .WithTimeout(TimeSpan.FromSeconds(5));
        if (username is not null)
        {
            builder = builder.WithCredentials(username, password);
        }

        var client = new MqttTestClient(new MqttClientFactory().CreateMqttClient());
        using var timeout = new CancellationTokenSource(WaitLimit);
        var result = await client._client.ConnectAsync(builder.Build(), timeout.Token);
        return (client, result.ResultCode);
    }

    public async Task<MqttClientSubscribeResultCode> SubscribeAsync(string topicFilter)
    {
        using var timeout = new CancellationTokenSource(WaitLimit);
        var options = new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic(topicFilter).WithAtLeastOnceQoS())
            .Build();
        var result = await _client.SubscribeAsync(options, timeout.Token);
        return result.Items.Single().ResultCode;
    }

    public async Task<MqttClientPublishResult> PublishAsync(string topic, byte[] payload, bool retain = false)
    {
        using var timeout = new CancellationTokenSource(WaitLimit);
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build();
        return await _client.PublishAsync(message, timeout.Token);
    }

    public Task<MqttClientPublishResult> PublishAsync(string topic, string payload, bool retain = false) =>
        PublishAsync(topic, Encoding.UTF8.GetBytes(payload), retain);

    public async Task<ReceivedMessage> WaitForMessageAsync(string topic, Func<ReceivedMessage, bool>? match = null)
    {
        var started = DateTime.UtcNow;
        while (true)
        {
            var found = Received.FirstOrDefault(m => m.Topic == topic && (match is null || match(m)));
            if (found is not null)
            {
                return found;
            }

            if (DateTime.UtcNow - started > WaitLimit)
            {
                var seen = string.Join("; ", Received.Select(m => $"{m.Topic}: {m.Payload}"));
                throw new TimeoutException($"No matching message on {topic} within {WaitLimit.TotalSeconds} s. Received: [{seen}]");
            }

            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            using var timeout = new CancellationTokenSource(WaitLimit);
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), timeout.Token);
        }

        _client.Dispose();
    }
}
