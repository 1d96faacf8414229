using System.Net;
using System.Net.Sockets;

namespace SmartCampus.Edge.Reliability.Tests.Network;

/// <summary>
/// A TCP proxy on loopback in front of a Modbus device. While <see cref="Stall"/> is set, each reply from the device
/// is cut after its first <see cref="StallAfterBytes"/> bytes: a device, or a serial-to-Ethernet converter, that hangs
/// in the middle of a frame with the connection still open. The held-back tail is sent late, in front of the next
/// reply, as TCP would deliver it; with <see cref="DropTail"/> it is lost instead, as a converter that drops the end
/// of a frame on a line glitch does.
/// </summary>
internal sealed class StallingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _upstreamPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _connections = [];
    private readonly Task _accepting;
    private int _connectionCount;

    public StallingProxy(int upstreamPort)
    {
        _upstreamPort = upstreamPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public volatile bool Stall;

    public int StallAfterBytes { get; init; } = 4;

    public bool DropTail { get; init; }

    /// <summary>Connections the client opened; a client that recovers from a stall by reconnecting opens more.</summary>
    public int ConnectionCount => Volatile.Read(ref _connectionCount);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        lock (_connections)
        {
            foreach (var connection in _connections)
            {
                connection.Dispose();
            }
        }

        try
        {
            await _accepting;
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            Interlocked.Increment(ref _connectionCount);
            var upstream = new TcpClient();
            await upstream.ConnectAsync(IPAddress.Loopback, _upstreamPort, _stop.Token);
            lock (_connections)
            {
                _connections.Add(client);
                _connections.Add(upstream);
            }

            _ = PumpAsync(client.GetStream(), upstream.GetStream(), cut: false);
            _ = PumpAsync(upstream.GetStream(), client.GetStream(), cut: true);
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, bool cut)
    {
        var buffer = new byte[4096];
        var held = new List<byte>();
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    to.Socket.Shutdown(SocketShutdown.Send);
                    return;
                }

                if (cut && Stall)
                {
                    var head = Math.Min(read, StallAfterBytes);
                    await to.WriteAsync(buffer.AsMemory(0, head), _stop.Token);
                    if (!DropTail)
                    {
                        held.AddRange(buffer.AsSpan(head, read - head).ToArray());
                    }

                    continue;
                }

                if (held.Count > 0)
                {
                    await to.WriteAsync(held.ToArray(), _stop.Token);
                    held.Clear();
                }

                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // The other side closed or the proxy stops.
        }
    }
}
