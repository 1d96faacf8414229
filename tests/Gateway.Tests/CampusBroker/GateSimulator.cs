using System.Text;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Protocol;

namespace SmartCampus.Edge.Gateway.Tests.CampusBroker;

/// <summary>
/// A door controller made of a real MQTTnet client: logs in with its own account, records every command and,
/// while <see cref="AckResult"/> is set, acknowledges each command with that result.
/// </summary>
public sealed class GateSimulator : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly string _gateId;
    private readonly Lock _sync = new();
    private readonly List<JsonElement> _commands = [];

    private GateSimulator(IMqttClient client, string gateId)
    {
        _client = client;
        _gateId = gateId;
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
    }

    /// <summary>"ok" acknowledges, "fail" reports failure, null stays silent.</summary>
    public string? AckResult { get; set; } = "ok";

    public IReadOnlyList<JsonElement> Commands
    {
        get
        {
            lock (_sync)
            {
                return [.. _commands];
            }
        }
    }

    public static async Task<GateSimulator> ConnectAsync(ICampusBrokerPeer broker, string gateId, string password)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(broker.Host, broker.Port)
            .WithClientId($"gate-{gateId}-{Guid.NewGuid():N}")
            .WithCredentials(gateId, password)
            .Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var result = await client.ConnectAsync(options, timeout.Token);
        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
        await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter($"campus/gates/{gateId}/command", MqttQualityOfServiceLevel.AtLeastOnce).Build(), timeout.Token);
        return new GateSimulator(client, gateId);
    }

    public async Task PublishAsync(string leaf, string json, bool retain = false)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var message = new MqttApplicationMessageBuilder()
            .WithTopic($"campus/gates/{_gateId}/{leaf}")
            .WithPayload(json)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build();
        var result = await _client.PublishAsync(message, timeout.Token);
        Assert.True(result.IsSuccess, $"publish to {message.Topic} failed: {result.ReasonCode}");
    }

    public async Task<JsonElement> WaitForCommandAsync(string command, int occurrence = 1)
    {
        var started = DateTime.UtcNow;
        while (true)
        {
            var matching = Commands.Where(c => c.GetProperty("command").GetString() == command).ToList();
            if (matching.Count >= occurrence)
            {
                return matching[occurrence - 1];
            }

            if (DateTime.UtcNow - started > TimeSpan.FromSeconds(5))
            {
                throw new TimeoutException($"Gate {_gateId} got no {command} command (occurrence {occurrence}) within 5 s; got [{string.Join(", ", Commands)}].");
            }

            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), timeout.Token);
        }

        _client.Dispose();
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        var command = JsonDocument.Parse(Encoding.UTF8.GetString(args.ApplicationMessage.Payload)).RootElement.Clone();
        lock (_sync)
        {
            _commands.Add(command);
        }

        if (AckResult is { } result)
        {
            var id = command.GetProperty("id").GetString();
            var ack = result == "ok"
                ? $$"""{"id":"{{id}}","ok":true}"""
                : $$"""{"id":"{{id}}","ok":false,"reason":"lock motor jammed"}""";

            // Not awaited: waiting for the PUBACK inside the receive handler would hold up the client's receive loop.
            _ = Task.Run(() => PublishAsync("ack", ack));
        }

        return Task.CompletedTask;
    }
}
