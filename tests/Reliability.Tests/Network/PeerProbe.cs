using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using MQTTnet;
using MQTTnet.Protocol;

namespace SmartCampus.Edge.Reliability.Tests.Network;

/// <summary>
/// A reference client on the same faulty link as the gateway: mosquitto_pub in line mode inside the test's network
/// namespace, one TCP connection through the same relay, publishing at QoS 1 a line with the send time (Unix ms)
/// every <see cref="Interval"/>. A subscriber on loopback records when each line reaches the broker. It has no outbox,
/// no batches and no reconnect logic of its own, so its latency is what TCP on that link gives any single-connection
/// client. The gateway is compared with it in the same run. It sets TCP_NODELAY (<c>--nodelay</c>) as the gateway
/// does, because mosquitto_pub 2.0 leaves Nagle's algorithm on without it.
/// </summary>
internal sealed class PeerProbe : IAsyncDisposable
{
    public const string Topic = "probe/peer";

    private readonly Process _publisher;
    private readonly IMqttClient _subscriber;
    private readonly ConcurrentQueue<(DateTimeOffset Sent, DateTimeOffset Arrived)> _arrivals = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sending;

    private PeerProbe(Process publisher, IMqttClient subscriber)
    {
        _publisher = publisher;
        _subscriber = subscriber;
        _sending = SendAsync();
    }

    public static TimeSpan Interval { get; } = TimeSpan.FromMilliseconds(500);

    public IReadOnlyList<(DateTimeOffset Sent, DateTimeOffset Arrived)> Arrivals => [.. _arrivals];

    /// <summary>Subscribes on the broker, then starts the publisher inside <paramref name="space"/>, connecting to the relay.</summary>
    public static async Task<PeerProbe> StartAsync(NetworkNamespace space, string relayHost, int relayPort, string brokerHost, int brokerPort)
    {
        if (!File.Exists("/usr/bin/mosquitto_pub"))
        {
            throw new InvalidOperationException("The reference publisher needs mosquitto_pub: apt-get install mosquitto-clients");
        }

        var subscriber = new MqttClientFactory().CreateMqttClient();
        var probe = (PeerProbe?)null;
        subscriber.ApplicationMessageReceivedAsync += args =>
        {
            var text = Encoding.ASCII.GetString(args.ApplicationMessage.Payload);
            if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var sent))
            {
                probe?._arrivals.Enqueue((DateTimeOffset.FromUnixTimeMilliseconds(sent), TimeProvider.System.GetUtcNow()));
            }

            return Task.CompletedTask;
        };
        await subscriber.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(brokerHost, brokerPort).WithClientId("peer-probe-reader").Build());
        await subscriber.SubscribeAsync(Topic, MqttQualityOfServiceLevel.AtLeastOnce);

        var start = new ProcessStartInfo("ip") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string[] arguments = ["netns", "exec", space.Name, "mosquitto_pub", "-h", relayHost, "-p", relayPort.ToString(CultureInfo.InvariantCulture), "-q", "1", "-l", "-t", Topic, "-i", "peer-probe", "--nodelay", "--quiet"];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var publisher = Process.Start(start)!;
        publisher.BeginOutputReadLine();
        publisher.BeginErrorReadLine();
        probe = new PeerProbe(publisher, subscriber);
        return probe;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sending;
        if (!_publisher.HasExited)
        {
            _publisher.Kill();
            await _publisher.WaitForExitAsync();
        }

        _publisher.Dispose();
        await _subscriber.DisconnectAsync();
        _subscriber.Dispose();
        _stop.Dispose();
    }

    private async Task SendAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await _publisher.StandardInput.WriteLineAsync(TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
                await _publisher.StandardInput.FlushAsync();
                await Task.Delay(Interval, _stop.Token);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException)
        {
            // Stopping, or the publisher exited; the arrivals so far stand.
        }
    }
}
