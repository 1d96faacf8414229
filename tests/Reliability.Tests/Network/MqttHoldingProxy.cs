using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;

namespace SmartCampus.Edge.Reliability.Tests.Network;

/// <summary>
/// A TCP proxy on loopback in front of an MQTT broker that holds back the bytes of one client in one direction. The
/// client is picked by the client id of its CONNECT packet. Towards the broker its PUBLISH packets never arrive, and
/// towards the client no PUBACK reaches it. The connection stays open meanwhile, as on a line where TCP keeps retransmitting.
/// <see cref="Release"/> lets the held bytes go on in order.
/// </summary>
internal sealed class MqttHoldingProxy : IAsyncDisposable
{
    private readonly LoopbackProxyListener _listener;
    private readonly ConcurrentQueue<string> _clientIds = new();
    private readonly ConcurrentDictionary<string, bool> _heldToBroker = new();
    private readonly ConcurrentDictionary<string, bool> _heldToClient = new();
    private TaskCompletionSource _released = NewSignal();

    public MqttHoldingProxy(int brokerPort)
    {
        _listener = new LoopbackProxyListener(brokerPort, RelayAsync);
    }

    public int Port => _listener.Port;

    /// <summary>The client id of every connection, in the order their CONNECT packets arrived.</summary>
    public IReadOnlyList<string> ClientIds => [.. _clientIds];

    /// <summary>Holds back what the client with this id sends, from its next chunk on.</summary>
    public void HoldToBroker(string clientId) => _heldToBroker[clientId] = true;

    /// <summary>Holds back what the broker sends to the client with this id, from its next chunk on.</summary>
    public void HoldToClient(string clientId) => _heldToClient[clientId] = true;

    public void Release()
    {
        // Cleared before the signal, so a pump that takes the new signal already finds nothing held.
        _heldToBroker.Clear();
        _heldToClient.Clear();
        Interlocked.Exchange(ref _released, NewSignal()).TrySetResult();
    }

    public ValueTask DisposeAsync() => _listener.DisposeAsync();

    private async Task RelayAsync(TcpClient client, TcpClient broker, CancellationToken stop)
    {
        try
        {
            var fromClient = client.GetStream();
            var toBroker = broker.GetStream();

            var connect = await ReadPacketAsync(fromClient, stop);
            var clientId = ConnectClientId(connect);
            _clientIds.Enqueue(clientId);
            await toBroker.WriteAsync(connect, stop);

            await Task.WhenAny(
                PumpAsync(fromClient, toBroker, () => _heldToBroker.ContainsKey(clientId), stop),
                PumpAsync(toBroker, fromClient, () => _heldToClient.ContainsKey(clientId), stop));
        }
        catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException or EndOfStreamException)
        {
            // Either side closed, or the proxy stops.
        }
        finally
        {
            client.Dispose();
            broker.Dispose();
        }
    }

    private async Task PumpAsync(NetworkStream source, NetworkStream destination, Func<bool> held, CancellationToken stop)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var count = await source.ReadAsync(buffer, stop);
                if (count == 0)
                {
                    return;
                }

                while (true)
                {
                    // The signal is taken before the check, so a release in between is not missed.
                    var released = Volatile.Read(ref _released);
                    if (!held())
                    {
                        break;
                    }

                    await released.Task.WaitAsync(stop);
                }

                await destination.WriteAsync(buffer.AsMemory(0, count), stop);
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The other pump or the proxy's stop ends the relay.
        }
    }

    /// <summary>Reads one whole MQTT packet: fixed header, remaining length (MQTT 5 §1.5.5) and the rest.</summary>
    private static async Task<byte[]> ReadPacketAsync(NetworkStream stream, CancellationToken stop)
    {
        var header = new List<byte>();
        var one = new byte[1];
        await stream.ReadExactlyAsync(one, stop);
        header.Add(one[0]);

        var remaining = 0;
        for (var shift = 0; ; shift += 7)
        {
            await stream.ReadExactlyAsync(one, stop);
            header.Add(one[0]);
            remaining |= (one[0] & 0x7F) << shift;
            if ((one[0] & 0x80) == 0)
            {
                break;
            }
        }

        var body = new byte[remaining];
        await stream.ReadExactlyAsync(body, stop);
        return [.. header, .. body];
    }

    /// <summary>
    /// The client id of a CONNECT packet (MQTT 3.1.1 §3.1 and MQTT 5 §3.1): after the protocol name, version, flags
    /// and keep alive, MQTT 5 has its properties, and then the payload starts with the client id.
    /// </summary>
    private static string ConnectClientId(byte[] packet)
    {
        var position = 1;
        while ((packet[position++] & 0x80) != 0)
        {
        }

        var nameLength = BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(position));
        position += 2 + nameLength;
        var version = packet[position];
        position += 1 + 1 + 2;

        if (version == 5)
        {
            var propertiesLength = 0;
            for (var shift = 0; ; shift += 7)
            {
                var next = packet[position++];
                propertiesLength |= (next & 0x7F) << shift;
                if ((next & 0x80) == 0)
                {
                    break;
                }
            }

            position += propertiesLength;
        }

        var idLength = BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(position));
        return Encoding.UTF8.GetString(packet, position + 2, idLength);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
