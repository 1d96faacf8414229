using System.Collections.Concurrent;
using System.Text;
using MQTTnet;

namespace SmartCampus.Edge.Gateway.Tests.EndToEnd;

/// <summary>An MQTTnet client that subscribes to one filter and keeps every message it receives, in order.</summary>
internal sealed class MqttRecorder : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly ConcurrentQueue<(string Topic, byte[] Payload)> _messages = new();

    private MqttRecorder(IMqttClient client)
    {
        _client = client;
        _client.ApplicationMessageReceivedAsync += args =>
        {
            _messages.Enqueue((args.ApplicationMessage.Topic, System.Buffers.BuffersExtensions.ToArray(args.ApplicationMessage.Payload)));
            return Task.CompletedTask;
        };
    }

    public IReadOnlyList<(string Topic, byte[] Payload)> Messages => [.. _messages];

    public static async Task<MqttRecorder> ConnectAsync(string host, int port, string topicFilter, string? username = null, string? password = null, string? clientId = null)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var recorder = new MqttRecorder(client);
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId(clientId ?? $"test-recorder-{Guid.NewGuid():N}")
            .WithCredentials(username, password)
            .WithTimeout(TimeSpan.FromSeconds(10))
            .Build();

        await client.ConnectAsync(options);
        var result = await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(topicFilter, MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());
        Assert.All(result.Items, item => Assert.True((int)item.ResultCode <= 2, $"Subscription to {topicFilter} was rejected: {item.ResultCode}"));
        return recorder;
    }

    /// <summary>Publishes at QoS 1 on the recorder's own connection, as the device it plays.</summary>
    public Task PublishAsync(string topic, string payload) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());

    /// <summary>
    /// Returns the records of a lane as a district consumer keeps them: alarms also travel on the alarm connection, so
    /// a second copy of a sequence is dropped, as docs/district-topics.md describes for consumers.
    /// </summary>
    public IReadOnlyList<DistrictRecord> DistrictRecords(string lane) =>
        [.. Messages.Where(message => message.Topic.EndsWith("/" + lane, StringComparison.Ordinal))
            .SelectMany(message => DistrictRecord.ParseBatch(message.Payload))
            .DistinctBy(record => record.Sequence)];

    public IReadOnlyList<string> Texts(string topic) =>
        [.. Messages.Where(message => message.Topic == topic).Select(message => Encoding.UTF8.GetString(message.Payload))];

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            try
            {
                await _client.DisconnectAsync();
            }
            catch (MQTTnet.Exceptions.MqttCommunicationException)
            {
                // The gateway under test may have stopped its broker already, closing the socket under the client.
            }
        }

        _client.Dispose();
    }
}
