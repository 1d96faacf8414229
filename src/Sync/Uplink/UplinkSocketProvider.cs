using System.Net;
using System.Net.Sockets;
using MQTTnet.Channel;

namespace SmartCampus.Edge.Sync.Uplink;

/// <summary>
/// Opens the TCP connection of a district MQTT client with the socket options MQTTnet 5.2 does not expose. MQTTnet
/// puts TLS on top of the returned stream itself (see <c>MqttClientOptionsBuilder.WithStreamProvider</c>).
/// </summary>
/// <remarks>
/// Linux backs off each unanswered retransmission exponentially (200 ms, 400 ms, 800 ms … after a minimum timeout
/// of 200 ms), so on a lossy line one small packet can wait seconds. <c>TCP_THIN_LINEAR_TIMEOUTS</c> keeps the
/// timeout from doubling for the first 6 retransmissions while fewer than 4 packets are unacknowledged and the
/// connection has left its initial slow start, that is after its first loss (Linux net/ipv4/tcp_timer.c,
/// <c>tcp_retransmit_timer</c>, and <c>tcp_stream_is_thin</c>). The alarm connection is such a thin stream, and so
/// is the main connection when idle. A busy telemetry stream is not, so the option changes nothing there.
/// MQTTnet's own socket sets a zero linger time (a reset on close); this one keeps the system's graceful close.
/// </remarks>
internal sealed class UplinkSocketProvider : IMqttClientStreamProvider
{
    // The values are from linux/tcp.h, because .NET has no named option for TCP_THIN_LINEAR_TIMEOUTS.
    private const int IpProtocolTcp = 6;
    private const int TcpThinLinearTimeouts = 16;

    public static UplinkSocketProvider Instance { get; } = new();

    public async Task<Stream> ConnectAsync(EndPoint brokerEndPoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(brokerEndPoint);

        // Without an address family the socket is dual-mode IPv6, so a DnsEndPoint may resolve to IPv4 or IPv6.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (OperatingSystem.IsLinux())
            {
                socket.SetRawSocketOption(IpProtocolTcp, TcpThinLinearTimeouts, BitConverter.GetBytes(1));
            }

            await socket.ConnectAsync(brokerEndPoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
