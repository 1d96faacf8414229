using System.Text;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;
using SmartCampus.Edge.Drivers.Mqtt;

namespace SmartCampus.Edge.Gateway.Pipeline;

/// <summary>
/// Publishes rule payloads to device topics on the campus broker with the gateway's own account, which may publish on
/// every topic. It connects on the first publish and again after the connection drops; a publish waits for the PUBACK
/// (QoS 1). Publishes run one at a time, because the action router and its publish retries share the client.
/// </summary>
internal sealed partial class CampusPublisher : IAsyncDisposable
{
    /// <summary>Limit for one connect, and for one publish to be acknowledged.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly IMqttClient client = new MqttClientFactory().CreateMqttClient();
    private readonly MqttClientOptions options;
    private readonly ILogger<CampusPublisher> logger;
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <param name="tls">TLS to an external campus broker; null for plain MQTT.</param>
    public CampusPublisher(string host, int port, string? username, string? password, string clientId, ILogger<CampusPublisher> logger, CampusMqttTls? tls = null)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId(clientId)
            .WithCleanStart(true)
            .WithTimeout(Timeout);
        if (username is not null)
        {
            builder = builder.WithCredentials(username, password);
        }

        if (tls is not null)
        {
            builder = tls.Apply(builder);
        }

        options = builder.Build();
        this.logger = logger;
    }

    /// <summary>Publishes <paramref name="payload"/> as UTF-8, not retained; returns false with the reason when the broker did not accept it.</summary>
    public async Task<(bool Accepted, string? Reason)> PublishAsync(string topic, string payload, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await PublishOnceAsync(topic, payload, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<(bool Accepted, string? Reason)> PublishOnceAsync(string topic, string payload, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        if (!client.IsConnected)
        {
            await client.ConnectAsync(options, timeout.Token);
            LogConnected(logger, options.ClientId);
        }

        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(Encoding.UTF8.GetBytes(payload))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        var result = await client.PublishAsync(message, timeout.Token);
        return result.IsSuccess ? (true, null) : (false, $"{result.ReasonCode} {result.ReasonString}".Trim());
    }

    public async ValueTask DisposeAsync()
    {
        if (client.IsConnected)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await client.DisconnectAsync(new MqttClientDisconnectOptions(), timeout.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or MQTTnet.Exceptions.MqttCommunicationException)
            {
                // The broker may already be gone on shutdown; the connection is dropped with the client either way.
            }
        }

        client.Dispose();
        gate.Dispose();
    }

    [LoggerMessage(EventId = 1253, Level = LogLevel.Information, Message = "Rule publisher connected to the campus broker as {ClientId}")]
    private static partial void LogConnected(ILogger logger, string clientId);
}
