using System.Net.Sockets;
using System.Text;

namespace SmartCampus.Edge.Gateway.Tests.CampusBroker;

/// <summary>
/// An MQTT 3.1.1 subscriber written on a bare socket that stops reading after its SUBACK, like a board whose
/// application hangs. The broker's queue for it then fills up, which an MQTTnet client would never allow.
/// </summary>
public sealed class RawMqttSubscriber : IDisposable
{
    private readonly TcpClient _tcp;

    private RawMqttSubscriber(TcpClient tcp) => _tcp = tcp;

    public static async Task<RawMqttSubscriber> ConnectAndSubscribeAsync(string host, int port, string username, string password, string topicFilter)
    {
        // A small receive window makes the broker's send side back up after a few kilobytes.
        var tcp = new TcpClient { ReceiveBufferSize = 4096 };
        await tcp.ConnectAsync(host, port);
        var stream = tcp.GetStream();

        await stream.WriteAsync(ConnectPacket($"slow-{Guid.NewGuid():N}", username, password));
        var connack = await ReadExactlyAsync(stream, 4);
        if (connack[0] != 0x20 || connack[3] != 0)
        {
            throw new InvalidOperationException($"CONNACK refused: {Convert.ToHexString(connack)}");
        }

        await stream.WriteAsync(SubscribePacket(topicFilter));
        var suback = await ReadExactlyAsync(stream, 5);
        if (suback[0] != 0x90 || suback[4] > 2)
        {
            throw new InvalidOperationException($"SUBACK refused: {Convert.ToHexString(suback)}");
        }

        return new RawMqttSubscriber(tcp);
    }

    public void Dispose() => _tcp.Dispose();

    private static async Task<byte[]> ReadExactlyAsync(NetworkStream stream, int count)
    {
        var buffer = new byte[count];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await stream.ReadExactlyAsync(buffer, timeout.Token);
        return buffer;
    }

    // MQTT 3.1.1 §3.1: protocol name "MQTT", level 4, flags user name + password + clean session, keep alive 60 s.
    private static byte[] ConnectPacket(string clientId, string username, string password)
    {
        var body = new List<byte> { 0x00, 0x04, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 0x04, 0xC2, 0x00, 0x3C };
        AddString(body, clientId);
        AddString(body, username);
        AddString(body, password);
        return Frame(0x10, body);
    }

    // MQTT 3.1.1 §3.8: packet id 1, one filter at QoS 0.
    private static byte[] SubscribePacket(string topicFilter)
    {
        var body = new List<byte> { 0x00, 0x01 };
        AddString(body, topicFilter);
        body.Add(0x00);
        return Frame(0x82, body);
    }

    private static void AddString(List<byte> body, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        body.Add((byte)(bytes.Length >> 8));
        body.Add((byte)bytes.Length);
        body.AddRange(bytes);
    }

    // MQTT 3.1.1 §2.2.3: remaining length in base-128 digits, least significant first.
    private static byte[] Frame(byte header, List<byte> body)
    {
        var packet = new List<byte> { header };
        var length = body.Count;
        do
        {
            var digit = (byte)(length % 128);
            length /= 128;
            packet.Add(length > 0 ? (byte)(digit | 0x80) : digit);
        }
        while (length > 0);

        packet.AddRange(body);
        return [.. packet];
    }
}
