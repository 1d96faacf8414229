using System.Net;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;
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
/// <para>
/// Linux sends a lost SYN again only after 1 s (<c>TCP_TIMEOUT_INIT</c>), then after 2 s more, and a lost SYN-ACK
/// costs the same. So when a TCP connect takes longer than twice the quickest one seen so far (at least 200 ms), a
/// second socket starts its own connect beside it, and a third after as long again. The first to connect is used
/// and the others are closed, so the broker may see a TCP connection that closes before its MQTT CONNECT. Each MQTT
/// client has its own provider, and its first connect is never raced, because there is no round trip to go by yet.
/// </para>
/// </remarks>
internal sealed class UplinkSocketProvider : IMqttClientStreamProvider
{
    // At most this many sockets connect side by side for one MQTT connection.
    private const int MaxConnectAttempts = 3;

    private static readonly TimeSpan MinRaceDelay = TimeSpan.FromMilliseconds(200);

    // Past this the kernel's own SYN retransmission comes first, so a second socket would not help.
    private static readonly TimeSpan MaxRaceDelay = TimeSpan.FromMilliseconds(900);

    private readonly TimeProvider _timeProvider;

    // The quickest TCP connect seen so far, in TimeSpan ticks, or 0 before the first.
    private long _quickestConnectTicks;

    public UplinkSocketProvider(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
    }

    /// <summary>How long a connect may take before another socket starts one beside it, or null for no race.</summary>
    internal TimeSpan? RaceDelay
    {
        get
        {
            var quickest = Interlocked.Read(ref _quickestConnectTicks);
            if (quickest == 0)
            {
                return null;
            }

            var delay = TimeSpan.FromTicks(Math.Max(MinRaceDelay.Ticks, 2 * quickest));
            return delay <= MaxRaceDelay ? delay : null;
        }
    }

    public async Task<Stream> ConnectAsync(EndPoint brokerEndPoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(brokerEndPoint);

        var raceDelay = RaceDelay;
        var attempts = new List<ConnectAttempt>();
        Exception? firstError = null;
        try
        {
            attempts.Add(ConnectAttempt.Start(brokerEndPoint, _timeProvider, cancellationToken));
            var started = 1;
            while (true)
            {
                if (attempts.Find(attempt => attempt.Connect.IsCompletedSuccessfully) is { } winner)
                {
                    attempts.Remove(winner);
                    RecordConnect(winner.Elapsed);
                    return new NetworkStream(winner.Socket, ownsSocket: true);
                }

                // A failed connect (refused, no route) starts no further socket, but those already started may still connect.
                foreach (var failed in attempts.Where(attempt => attempt.Connect.IsCompleted).ToList())
                {
                    firstError ??= failed.Connect.Exception?.InnerException ?? new OperationCanceledException(cancellationToken);
                    attempts.Remove(failed);
                    failed.Socket.Dispose();
                }

                if (attempts.Count == 0)
                {
                    ExceptionDispatchInfo.Throw(firstError!);
                }

                var nextRace = started < MaxConnectAttempts && firstError is null ? raceDelay : null;
                using var timerCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var timer = Task.Delay(nextRace ?? Timeout.InfiniteTimeSpan, _timeProvider, timerCancellation.Token);
                await Task.WhenAny(attempts.Select(attempt => attempt.Connect).Append(timer));
                await timerCancellation.CancelAsync();
                cancellationToken.ThrowIfCancellationRequested();

                if (timer.IsCompletedSuccessfully && !attempts.Any(attempt => attempt.Connect.IsCompleted))
                {
                    attempts.Add(ConnectAttempt.Start(brokerEndPoint, _timeProvider, cancellationToken));
                    started++;
                }
            }
        }
        finally
        {
            // The sockets that lost the race, or all of them after a failure or a cancellation.
            foreach (var attempt in attempts)
            {
                attempt.Socket.Dispose();
            }
        }
    }

    private void RecordConnect(TimeSpan elapsed)
    {
        long seen;
        do
        {
            seen = Interlocked.Read(ref _quickestConnectTicks);
        }
        while ((seen == 0 || elapsed.Ticks < seen) && Interlocked.CompareExchange(ref _quickestConnectTicks, elapsed.Ticks, seen) != seen);
    }
}
