using System.Net;
using System.Net.Sockets;

namespace SmartCampus.Edge.Reliability.Tests.Network;

/// <summary>
/// The listening half of a test proxy on loopback: accepts each client, connects it to the upstream port and hands
/// both connections to the proxy's relay. Dispose stops accepting and closes every connection.
/// </summary>
internal sealed class LoopbackProxyListener : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _upstreamPort;
    private readonly Func<TcpClient, TcpClient, CancellationToken, Task> _relay;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _connections = [];
    private readonly Task _accepting;
    private int _connectionCount;

    /// <param name="relay">Moves bytes between the client and the upstream connection until either closes.</param>
    public LoopbackProxyListener(int upstreamPort, Func<TcpClient, TcpClient, CancellationToken, Task> relay)
    {
        _upstreamPort = upstreamPort;
        _relay = relay;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections the clients opened.</summary>
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

            _ = _relay(client, upstream, _stop.Token);
        }
    }
}
