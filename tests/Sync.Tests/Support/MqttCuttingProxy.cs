using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SmartCampus.Edge.Sync.Tests.Support;

/// <summary>
/// A TCP proxy between an MQTT client and a broker that can lose PUBACKs or cut the connection right after a
/// PUBLISH reached the broker, the moment a real network failure would leave a sender unsure. It splits both
/// directions into MQTT packets (fixed header and remaining length, MQTT 3.1.1 and 5 §2.1) and forwards them whole.
/// </summary>
public sealed class MqttCuttingProxy : IAsyncDisposable
{
    private const int PublishType = 3;
    private const int PubackType = 4;

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _brokerPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _connections = [];
    private readonly Task _acceptLoop;
    private readonly ConcurrentDictionary<int, string> _publishTopics = new();
    private int _cutAfterPublish;
    private int _droppedPubacks;

    public MqttCuttingProxy(int brokerPort)
    {
        _brokerPort = brokerPort;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>While true, PUBACKs from the broker never reach the client.</summary>
    public bool DropPubacks { get; set; }

    public int DroppedPubacks => Volatile.Read(ref _droppedPubacks);

    /// <summary>While set, PUBACKs of QoS 1 PUBLISH packets whose topic ends with this text never reach the client.</summary>
    public string? DropPubacksOfTopicSuffix { get; set; }

    /// <summary>Cuts all connections once the next PUBLISH whose topic ends with <paramref name="topicSuffix"/> has been forwarded.</summary>
    public void CutAfterNextPublish(string topicSuffix)
    {
        CutTopicSuffix = topicSuffix;
        Volatile.Write(ref _cutAfterPublish, 1);
    }

    public bool CutPending => Volatile.Read(ref _cutAfterPublish) == 1;

    private string CutTopicSuffix { get; set; } = string.Empty;

    /// <summary>Closes every proxied connection at once, as a broken network link would (no DISCONNECT packet).</summary>
    public void CutAll()
    {
        lock (_connections)
        {
            foreach (var connection in _connections)
            {
                // A reset (linger 0) instead of a FIN: the peer gets a broken link, not a normal close.
                if (connection.Client is { Connected: true } socket)
                {
                    socket.LingerState = new LingerOption(true, 0);
                }

                connection.Dispose();
            }

            _connections.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        CutAll();
        try
        {
            await _acceptLoop;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var broker = new TcpClient();
            try
            {
                await broker.ConnectAsync(IPAddress.Loopback, _brokerPort, _stop.Token);
            }
            catch (SocketException)
            {
                client.Dispose();
                broker.Dispose();
                continue;
            }

            lock (_connections)
            {
                _connections.Add(client);
                _connections.Add(broker);
            }

            _ = PumpAsync(client, broker, toBroker: true);
            _ = PumpAsync(broker, client, toBroker: false);
        }
    }

    private async Task PumpAsync(TcpClient from, TcpClient to, bool toBroker)
    {
        try
        {
            var input = from.GetStream();
            var output = to.GetStream();
            while (await ReadPacketAsync(input) is { } packet)
            {
                var type = packet[0] >> 4;
                if (toBroker && type == PublishType && (packet[0] & 0x06) != 0)
                {
                    _publishTopics[PacketIdOfPublish(packet)] = TopicOf(packet);
                }

                if (!toBroker && type == PubackType && (DropPubacks || IsHeldPuback(packet)))
                {
                    Interlocked.Increment(ref _droppedPubacks);
                    continue;
                }

                var cut = toBroker && type == PublishType && CutPending && TopicOf(packet).EndsWith(CutTopicSuffix, StringComparison.Ordinal);
                if (cut)
                {
                    // The PUBACK must not slip through before the cut, or the sender would rightly forget the batch.
                    DropPubacks = true;
                }

                await output.WriteAsync(packet);

                if (cut)
                {
                    // Give the broker time to store and forward the batch before the link goes.
                    await Task.Delay(50);
                    CutAll();
                    DropPubacks = false;
                    Volatile.Write(ref _cutAfterPublish, 0);
                    return;
                }
            }
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or SocketException or InvalidOperationException)
        {
            // Either side closed, or CutAll() disposed the sockets.
        }
        finally
        {
            from.Dispose();
            to.Dispose();
        }
    }

    private static async Task<byte[]?> ReadPacketAsync(NetworkStream stream)
    {
        var header = new List<byte>(5);
        var first = new byte[1];
        if (await stream.ReadAsync(first) == 0)
        {
            return null;
        }

        header.Add(first[0]);

        // Remaining length: up to four bytes, seven bits each, least significant first.
        var remaining = 0;
        for (var shift = 0; ; shift += 7)
        {
            await stream.ReadExactlyAsync(first);
            header.Add(first[0]);
            remaining |= (first[0] & 0x7F) << shift;
            if ((first[0] & 0x80) == 0)
            {
                break;
            }
        }

        var packet = new byte[header.Count + remaining];
        header.CopyTo(packet);
        await stream.ReadExactlyAsync(packet.AsMemory(header.Count));
        return packet;
    }

    private bool IsHeldPuback(byte[] puback) =>
        DropPubacksOfTopicSuffix is { } suffix
        && _publishTopics.TryGetValue((puback[2] << 8) | puback[3], out var topic)
        && topic.EndsWith(suffix, StringComparison.Ordinal);

    /// <summary>The packet identifier that follows the topic of a QoS 1 or 2 PUBLISH.</summary>
    private static int PacketIdOfPublish(byte[] publish)
    {
        var offset = TopicLengthOffset(publish);
        var id = offset + 2 + ((publish[offset] << 8) | publish[offset + 1]);
        return (publish[id] << 8) | publish[id + 1];
    }

    private static string TopicOf(byte[] publish)
    {
        var offset = TopicLengthOffset(publish);
        var length = (publish[offset] << 8) | publish[offset + 1];
        return Encoding.UTF8.GetString(publish, offset + 2, length);
    }

    /// <summary>Where the topic's two-byte length starts: after the first byte and the remaining length.</summary>
    private static int TopicLengthOffset(byte[] publish)
    {
        var offset = 1;
        while ((publish[offset] & 0x80) != 0)
        {
            offset++;
        }

        return offset + 1;
    }
}
