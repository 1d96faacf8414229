using System.Globalization;
using System.Net.Sockets;
using MQTTnet;
using MQTTnet.Protocol;

namespace SmartCampus.Edge.Reliability.Tests.Security;

/// <summary>
/// A burst against a campus broker on loopback, as a misconfigured or broken client would send it: logins with wrong
/// passwords, raw malformed MQTT packets, and oversized publishes from an authorised board. Bounded in count and
/// time; it reports what the broker did with each kind.
/// </summary>
internal sealed record SecurityBurst(int BadLogins, int BadLoginsRefused, int MalformedSent, int MalformedClosed, int Oversized, int OversizedRefused, TimeSpan Elapsed)
{
    private const int BadLoginCount = 100;
    private const int MalformedRounds = 4;
    private const int OversizedCount = 5;

    private static readonly byte[][] MalformedPackets =
    [
        [0x10, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F], // CONNECT whose remaining length has five bytes (at most four allowed)
        [0x10, 0x0C, 0x00, 0x04, (byte)'M', (byte)'Q', (byte)'X', (byte)'X', 0x05, 0x02, 0x00, 0x3C, 0x00, 0x00], // wrong protocol name
        [0x30, 0x05, 0x00, 0x01, (byte)'a', (byte)'b', (byte)'c'], // PUBLISH before CONNECT
        [0x10, 0x7F, 0x00, 0x04, (byte)'M', (byte)'Q'], // CONNECT cut short, then the client goes silent
        [0xF0, 0x00], // reserved packet type 15
    ];

    public static async Task<SecurityBurst> RunAsync(int port, string boardId, string boardPassword)
    {
        var started = TimeProvider.System.GetTimestamp();

        var refused = 0;
        for (var attempt = 0; attempt < BadLoginCount; attempt++)
        {
            var user = attempt % 2 == 0 ? boardId : $"intruder-{attempt}";
            if (!await ConnectsAsync(port, user, $"wrong-{attempt}"))
            {
                refused++;
            }
        }

        var closed = 0;
        var sent = 0;
        for (var round = 0; round < MalformedRounds; round++)
        {
            foreach (var packet in MalformedPackets)
            {
                sent++;
                if (await SendRawAsync(port, packet))
                {
                    closed++;
                }
            }
        }

        // The broker rejects an oversized publish and closes the connection, so every attempt gets a client of its own.
        var oversizedRefused = 0;
        for (var attempt = 0; attempt < OversizedCount; attempt++)
        {
            using var board = new MqttClientFactory().CreateMqttClient();
            await board.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(boardId).WithCredentials(boardId, boardPassword).WithTimeout(TimeSpan.FromSeconds(10)).Build());

            var payload = new byte[2 * 1024 * 1024];
            payload.AsSpan().Fill((byte)'x');
            try
            {
                var result = await board.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"campus/boards/{boardId}/heartbeat").WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
                if (!result.IsSuccess)
                {
                    oversizedRefused++;
                }
            }
            catch (MQTTnet.Exceptions.MqttCommunicationException)
            {
                oversizedRefused++; // the broker closed the connection
            }
            catch (OperationCanceledException)
            {
                oversizedRefused++;
            }
        }

        return new SecurityBurst(BadLoginCount, refused, sent, closed, OversizedCount, oversizedRefused, TimeProvider.System.GetElapsedTime(started));
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"security-burst: bad-logins={BadLogins} refused={BadLoginsRefused} malformed-packets={MalformedSent} closed-by-broker={MalformedClosed} oversized-2MiB={Oversized} refused-or-dropped={OversizedRefused} elapsed-ms={Elapsed.TotalMilliseconds:F0}");

    private static async Task<bool> ConnectsAsync(int port, string user, string password)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        try
        {
            var result = await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId($"{user}-x").WithCredentials(user, password).WithTimeout(TimeSpan.FromSeconds(5)).Build());
            return result.ResultCode == MqttClientConnectResultCode.Success;
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException)
        {
            return false;
        }
    }

    /// <summary>Sends raw bytes and returns true when the broker closes the connection within 2 s.</summary>
    private static async Task<bool> SendRawAsync(int port, byte[] packet)
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync("127.0.0.1", port);
        var stream = socket.GetStream();
        await stream.WriteAsync(packet);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var buffer = new byte[256];
        try
        {
            while (await stream.ReadAsync(buffer, timeout.Token) > 0)
            {
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }
}
