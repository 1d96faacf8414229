using System.Net;
using System.Net.Sockets;

namespace SmartCampus.Edge.Sync.Uplink;

/// <summary>
/// One socket's TCP connect to the district broker, with the socket options that <see cref="UplinkSocketProvider"/>
/// explains, and the time the connect took.
/// </summary>
internal sealed class ConnectAttempt
{
    // The values are from linux/tcp.h, because .NET has no named option for TCP_THIN_LINEAR_TIMEOUTS.
    private const int IpProtocolTcp = 6;
    private const int TcpThinLinearTimeouts = 16;

    private readonly TimeProvider _timeProvider;
    private readonly long _startedAt;
    private long _connectedAt;

    private ConnectAttempt(Socket socket, TimeProvider timeProvider)
    {
        Socket = socket;
        _timeProvider = timeProvider;
        _startedAt = timeProvider.GetTimestamp();
        Connect = Task.CompletedTask;
    }

    public Socket Socket { get; }

    /// <summary>Completes when the socket is connected; faults when the connect fails or the socket is closed.</summary>
    public Task Connect { get; private set; }

    /// <summary>From the start of the connect to the connection; valid once <see cref="Connect"/> succeeded.</summary>
    public TimeSpan Elapsed => _timeProvider.GetElapsedTime(_startedAt, Volatile.Read(ref _connectedAt));

    public static ConnectAttempt Start(EndPoint endPoint, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        // Without an address family the socket is dual-mode IPv6, so a DnsEndPoint may resolve to IPv4 or IPv6.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (OperatingSystem.IsLinux())
            {
                socket.SetRawSocketOption(IpProtocolTcp, TcpThinLinearTimeouts, BitConverter.GetBytes(1));
            }

            var attempt = new ConnectAttempt(socket, timeProvider);
            attempt.Connect = attempt.ConnectAsync(endPoint, cancellationToken);

            // A socket that lost the race is closed mid-connect, so its error is expected and must not go unobserved.
            _ = attempt.Connect.ContinueWith(static task => _ = task.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return attempt;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task ConnectAsync(EndPoint endPoint, CancellationToken cancellationToken)
    {
        await Socket.ConnectAsync(endPoint, cancellationToken);
        Volatile.Write(ref _connectedAt, _timeProvider.GetTimestamp());
    }
}
