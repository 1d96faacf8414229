using System.Net;
using System.Net.Sockets;

namespace SmartCampus.Edge.Drivers.Tests.Mqtt;

/// <summary>
/// A TCP relay between one MQTT client and a real broker that passes every packet except the broker's PINGRESP.
/// It stands for a broker whose keep-alive answer waits behind a burst of queued messages for longer than any
/// ping timeout, which a loaded machine produces only now and then.
/// </summary>
internal sealed class PingAnswerDroppingProxy : IAsyncDisposable
{
    private const byte PingResp = 0xD0;

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _brokerHost;
    private readonly int _brokerPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _relays = [];
    private readonly Task _accepting;
    private long _dropped;

    public PingAnswerDroppingProxy(string brokerHost, int brokerPort)
    {
        _brokerHost = brokerHost;
        _brokerPort = brokerPort;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    public long DroppedPingAnswers => Interlocked.Read(ref _dropped);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await Task.WhenAll([_accepting, .. _relays]).WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                var broker = new TcpClient();
                await broker.ConnectAsync(_brokerHost, _brokerPort, _stop.Token);
                _relays.Add(RelayAsync(client, broker));
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The proxy stops.
        }
    }

    private async Task RelayAsync(TcpClient client, TcpClient broker)
    {
        using (client)
        using (broker)
        using (var pair = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token))
        {
            var up = CopyAsync(client.GetStream(), broker.GetStream(), pair.Token);
            var down = CopyPacketsAsync(broker.GetStream(), client.GetStream(), pair.Token);
            await Task.WhenAny(up, down);
            await pair.CancelAsync();
            await Task.WhenAll(up, down);
        }
    }

    private static async Task CopyAsync(Stream from, Stream to, CancellationToken cancellationToken)
    {
        try
        {
            await from.CopyToAsync(to, cancellationToken);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Either side closed.
        }
    }

    /// <summary>Copies whole MQTT packets (fixed header, remaining length, body) and leaves out each PINGRESP.</summary>
    private async Task CopyPacketsAsync(Stream from, Stream to, CancellationToken cancellationToken)
    {
        try
        {
            var header = new byte[5];
            while (true)
            {
                await from.ReadExactlyAsync(header.AsMemory(0, 1), cancellationToken);
                var length = 0;
                var used = 1;
                for (var shift = 0; ; shift += 7)
                {
                    await from.ReadExactlyAsync(header.AsMemory(used, 1), cancellationToken);
                    length |= (header[used] & 0x7F) << shift;
                    used++;
                    if ((header[used - 1] & 0x80) == 0)
                    {
                        break;
                    }
                }

                var body = new byte[length];
                await from.ReadExactlyAsync(body, cancellationToken);
                if (header[0] == PingResp)
                {
                    Interlocked.Increment(ref _dropped);
                    continue;
                }

                await to.WriteAsync(header.AsMemory(0, used), cancellationToken);
                await to.WriteAsync(body, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or EndOfStreamException or ObjectDisposedException)
        {
            // Either side closed.
        }
    }
}
