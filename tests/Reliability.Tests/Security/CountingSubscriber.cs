using MQTTnet;
using MQTTnet.Protocol;

namespace SmartCampus.Edge.Reliability.Tests.Security;

/// <summary>An MQTT client with credentials that counts the messages it receives on one filter.</summary>
internal sealed class CountingSubscriber : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public async Task ConnectAsync(int port, string username, string password, string filter)
    {
        _client.ApplicationMessageReceivedAsync += _ =>
        {
            Interlocked.Increment(ref _count);
            return Task.CompletedTask;
        };
        await _client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithCredentials(username, password).WithTimeout(TimeSpan.FromSeconds(10)).Build());
        await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce).Build());
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }
}
