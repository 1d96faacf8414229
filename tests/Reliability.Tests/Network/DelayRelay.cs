using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace SmartCampus.Edge.Reliability.Tests.Network;

/// <summary>
/// Latency and jitter on a TCP path where the kernel has no netem: a relay that accepts on one address, opens a
/// connection to the upstream server for each client, and holds every chunk it reads for <see cref="Delay"/> ±
/// <see cref="Jitter"/> (uniform) before it writes it on, in each direction. A chunk never overtakes the one before
/// it, as within one TCP stream. Both legs are real kernel TCP, so loss and retransmission on them stay the kernel's;
/// the relay delays the application's bytes, not the TCP segments, so TCP's own round-trip time is not raised.
/// </summary>
internal sealed class DelayRelay : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly IPEndPoint _upstream;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _sockets = [];
    private readonly Task _accepting;
    private readonly Random _random;

    public DelayRelay(IPAddress listenAddress, IPEndPoint upstream, TimeSpan delay, TimeSpan jitter, int seed)
    {
        Delay = delay;
        Jitter = jitter;
        _upstream = upstream;
        _random = new Random(seed);
        _listener = new TcpListener(listenAddress, 0);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public TimeSpan Delay { get; }

    public TimeSpan Jitter { get; }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int ConnectionCount { get; private set; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        lock (_sockets)
        {
            foreach (var socket in _sockets)
            {
                socket.Dispose();
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
            // TCP_NODELAY on both legs, as on the gateway's own sockets, so that a chunk whose time has come goes out at
            // once and does not wait for the ACK of the chunk before it (Nagle's algorithm).
            var client = await _listener.AcceptSocketAsync(_stop.Token);
            client.NoDelay = true;
            var upstream = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await upstream.ConnectAsync(_upstream, _stop.Token);
            }
            catch (SocketException)
            {
                client.Dispose();
                upstream.Dispose();
                continue;
            }

            lock (_sockets)
            {
                _sockets.Add(client);
                _sockets.Add(upstream);
                ConnectionCount++;
            }

            _ = PumpAsync(client, upstream);
            _ = PumpAsync(upstream, client);
        }
    }

    /// <summary>Reads chunks from <paramref name="from"/> and writes each to <paramref name="to"/> once its time has come.</summary>
    private async Task PumpAsync(Socket from, Socket to)
    {
        var chunks = Channel.CreateUnbounded<(byte[] Bytes, long DueTicks)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var sending = SendAsync(chunks.Reader, to);
        var buffer = new byte[16 * 1024];
        var lastDue = 0L;
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (read == 0)
                {
                    break;
                }

                double offset;
                lock (_random)
                {
                    offset = (_random.NextDouble() * 2 - 1) * Jitter.TotalMilliseconds;
                }

                var due = TimeProvider.System.GetTimestamp() + (long)((Delay.TotalMilliseconds + offset) * TimeProvider.System.TimestampFrequency / 1000);
                lastDue = Math.Max(lastDue, due);
                chunks.Writer.TryWrite((buffer[..read], lastDue));
            }
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer reset the connection or the relay stops.
        }

        chunks.Writer.TryComplete();
        await sending;
    }

    private async Task SendAsync(ChannelReader<(byte[] Bytes, long DueTicks)> chunks, Socket to)
    {
        try
        {
            await foreach (var (bytes, due) in chunks.ReadAllAsync(_stop.Token))
            {
                var wait = TimeProvider.System.GetElapsedTime(TimeProvider.System.GetTimestamp(), due);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _stop.Token);
                }

                await to.SendAsync(bytes, SocketFlags.None, _stop.Token);
            }

            // The other side finished sending: pass the FIN on, after the last held chunk.
            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            to.Dispose();
        }
    }
}
