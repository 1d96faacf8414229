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
    private readonly LoopbackProxyListener _listener;

    public StallingProxy(int upstreamPort)
    {
        _listener = new LoopbackProxyListener(upstreamPort, RelayAsync);
    }

    public int Port => _listener.Port;

    public volatile bool Stall;

    public int StallAfterBytes { get; init; } = 4;

    public bool DropTail { get; init; }

    /// <summary>Connections the client opened; a client that recovers from a stall by reconnecting opens more.</summary>
    public int ConnectionCount => _listener.ConnectionCount;

    public ValueTask DisposeAsync() => _listener.DisposeAsync();

    private Task RelayAsync(TcpClient client, TcpClient upstream, CancellationToken stop)
    {
        _ = PumpAsync(client.GetStream(), upstream.GetStream(), cut: false, stop);
        return PumpAsync(upstream.GetStream(), client.GetStream(), cut: true, stop);
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, bool cut, CancellationToken stop)
    {
        var buffer = new byte[4096];
        var held = new List<byte>();
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer, stop);
                if (read == 0)
                {
                    to.Socket.Shutdown(SocketShutdown.Send);
                    return;
                }

                if (cut && Stall)
                {
                    var head = Math.Min(read, StallAfterBytes);
                    await to.WriteAsync(buffer.AsMemory(0, head), stop);
                    if (!DropTail)
                    {
                        held.AddRange(buffer.AsSpan(head, read - head).ToArray());
                    }

                    continue;
                }

                if (held.Count > 0)
                {
                    await to.WriteAsync(held.ToArray(), stop);
                    held.Clear();
                }

                await to.WriteAsync(buffer.AsMemory(0, read), stop);
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // The other side closed or the proxy stops.
        }
    }
}
