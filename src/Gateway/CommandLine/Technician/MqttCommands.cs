using System.Buffers;
using System.Diagnostics;
using System.Text;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;
using SmartCampus.Edge.Drivers.Mqtt;

namespace SmartCampus.Edge.Gateway.CommandLine.Technician;

/// <summary>
/// <c>smartcampus-edge mqtt publish|watch</c> on the campus broker: publish one message, or print the topic and
/// payload of every message matching a filter until Ctrl+C or a count is reached.
/// </summary>
internal static class MqttCommands
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    public static async Task<int> PublishAsync(CampusBrokerTarget target, string topic, string payload, int qos, bool retain, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!TryGetQos(qos, error, out var level))
        {
            return ExitCodes.InvalidConfiguration;
        }

        using var client = new MqttClientFactory().CreateMqttClient();
        if (!await TryConnectAsync(client, target, error, cancellationToken))
        {
            return ExitCodes.Unavailable;
        }

        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(Encoding.UTF8.GetBytes(payload))
            .WithQualityOfServiceLevel(level)
            .WithRetainFlag(retain)
            .Build();

        try
        {
            var result = await client.PublishAsync(message, cancellationToken);
            if (!result.IsSuccess)
            {
                error.WriteLine(TechnicianText.Format("MqttPublishRejected", topic, result.ReasonCode, result.ReasonString));
                return ExitCodes.Unavailable;
            }
        }
        catch (Exception exception) when (exception is MqttCommunicationException or ArgumentException)
        {
            error.WriteLine(TechnicianText.Format("MqttPublishFailed", topic, exception.Message));
            return ExitCodes.Unavailable;
        }

        output.WriteLine(TechnicianText.Format("MqttPublished", Encoding.UTF8.GetByteCount(payload), topic, qos, TechnicianText.Get(retain ? "Yes" : "No")));
        await client.DisconnectAsync(cancellationToken: CancellationToken.None);
        return ExitCodes.Success;
    }

    public static async Task<int> WatchAsync(CampusBrokerTarget target, string filter, int? count, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (count is <= 0)
        {
            error.WriteLine(TechnicianText.Format("MqttCountInvalid", count));
            return ExitCodes.InvalidConfiguration;
        }

        using var client = new MqttClientFactory().CreateMqttClient();
        var received = 0;
        string? disconnectReason = null;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new Lock();
        var announced = false;

        // The "watching" line goes to standard output before any message. MQTTnet may run the message handler for a
        // retained message before SubscribeAsync returns, so whichever of the two comes first prints the line. A
        // message arrives only after the broker granted the subscription. Call under the gate.
        void Announce()
        {
            if (!announced)
            {
                announced = true;
                output.WriteLine(TechnicianText.Format("MqttWatching", filter, target.Host, target.Port));
                output.Flush();
            }
        }

        client.ApplicationMessageReceivedAsync += args =>
        {
            lock (gate)
            {
                if (count is { } max && received >= max)
                {
                    return Task.CompletedTask;
                }

                Announce();
                output.WriteLine($"{args.ApplicationMessage.Topic} {FormatPayload(args.ApplicationMessage.Payload)}");
                output.Flush();
                received++;
                if (received == count)
                {
                    done.TrySetResult();
                }
            }

            return Task.CompletedTask;
        };
        client.DisconnectedAsync += args =>
        {
            disconnectReason = args.Exception?.Message ?? args.ReasonString ?? args.Reason.ToString();
            done.TrySetResult();
            return Task.CompletedTask;
        };

        if (!await TryConnectAsync(client, target, error, cancellationToken))
        {
            return ExitCodes.Unavailable;
        }

        var subscription = await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce).Build(), cancellationToken);
        var granted = subscription.Items.Single().ResultCode;
        if (granted > MqttClientSubscribeResultCode.GrantedQoS2)
        {
            error.WriteLine(TechnicianText.Format("MqttSubscribeRejected", filter, granted));
            return ExitCodes.Unavailable;
        }

        lock (gate)
        {
            Announce();
        }

        try
        {
            await done.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C ends the watch normally.
        }

        if (!client.IsConnected && disconnectReason is not null)
        {
            error.WriteLine(TechnicianText.Format("MqttDisconnected", target.Host, target.Port, disconnectReason));
            return ExitCodes.Unavailable;
        }

        if (client.IsConnected)
        {
            await client.DisconnectAsync(cancellationToken: CancellationToken.None);
        }

        return ExitCodes.Success;
    }

    private static async Task<bool> TryConnectAsync(IMqttClient client, CampusBrokerTarget target, TextWriter error, CancellationToken cancellationToken)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(target.Host, target.Port)
            .WithClientId($"smartcampus-cli-{Guid.NewGuid():N}"[..28])
            .WithCleanStart(true)
            .WithTimeout(ConnectTimeout);
        if (target.Username is not null)
        {
            builder = builder.WithCredentials(target.Username, target.Password);
        }

        if (target.Tls is not null)
        {
            target.Tls.ClearRejection();
            builder = target.Tls.Apply(builder);
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await client.ConnectAsync(builder.Build(), cancellationToken);
            if (result.ResultCode == MqttClientConnectResultCode.Success)
            {
                return true;
            }

            error.WriteLine(CampusConnectFailure.Rejected(result.ResultCode, target.Host, target.Port, target.Settings));
            return false;
        }
        catch (Exception exception) when (exception is MqttCommunicationException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // MQTTnet's wording names neither the cause nor the fix; the technician gets both.
            var reason = CampusConnectFailure.Describe(exception, target.Host, target.Port, ConnectTimeout, target.Tls is not null, target.Tls?.LastRejection, Stopwatch.GetElapsedTime(started), target.Settings);
            error.WriteLine(reason);
            return false;
        }
    }

    private static bool TryGetQos(int qos, TextWriter error, out MqttQualityOfServiceLevel level)
    {
        level = (MqttQualityOfServiceLevel)qos;
        if (qos is >= 0 and <= 2)
        {
            return true;
        }

        error.WriteLine(TechnicianText.Format("MqttQosInvalid", qos));
        return false;
    }

    /// <summary>UTF-8 text as it is; anything else as hex, so that a binary payload cannot garble the terminal.</summary>
    private static string FormatPayload(ReadOnlySequence<byte> payload)
    {
        var bytes = payload.ToArray();
        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            return text.Any(character => char.IsControl(character) && character is not ('\n' or '\r' or '\t'))
                ? "0x" + Convert.ToHexString(bytes)
                : text;
        }
        catch (DecoderFallbackException)
        {
            return "0x" + Convert.ToHexString(bytes);
        }
    }
}
