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
/// <para>
/// With <see cref="UrgentRaceDelay"/> (the alarm connection while an alarm waits) a new socket starts after each such
/// delay whatever the round trip, and beyond three the second oldest is closed. A SYN sent while the link was down may
/// never connect once it is back, because its source address came from the route in use then. Otherwise its next
/// retransmission is up to 1 s away (Linux 6.18 with net.ipv4.tcp_syn_linear_timeouts = 4), or seconds on older kernels.
/// Only a new socket notices the link within the delay.
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

    private Func<TimeSpan?> _urgentRaceDelay = static () => null;

    // The quickest TCP connect seen so far, in TimeSpan ticks, or 0 before the first.
    private long _quickestConnectTicks;

    public UplinkSocketProvider(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
    }

    /// <summary>
    /// Returns, before each race, the delay after which a new socket starts even without a round trip to go by, or null
    /// for the usual race. The caller jitters the delay. It runs on the connecting task, so it must be quick.
    /// </summary>
    public Func<TimeSpan?> UrgentRaceDelay
    {
        get => Volatile.Read(ref _urgentRaceDelay);
        set => Volatile.Write(ref _urgentRaceDelay, value);
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
                // A connect that succeeded since the look above is not a failure: the next pass takes it.
                foreach (var failed in attempts.Where(attempt => attempt.Connect.IsFaulted || attempt.Connect.IsCanceled).ToList())
                {
                    firstError ??= failed.Connect.Exception?.InnerException ?? new OperationCanceledException(cancellationToken);
                    attempts.Remove(failed);
                    failed.Socket.Dispose();
                }

                if (attempts.Count == 0)
                {
                    ExceptionDispatchInfo.Throw(firstError!);
                }

                var urgent = UrgentRaceDelay();
                var nextRace = urgent ?? (started < MaxConnectAttempts && firstError is null ? raceDelay : null);
                using var timerCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var timer = Task.Delay(nextRace ?? Timeout.InfiniteTimeSpan, _timeProvider, timerCancellation.Token);
                await Task.WhenAny(attempts.Select(attempt => attempt.Connect).Append(timer));
                await timerCancellation.CancelAsync();
                cancellationToken.ThrowIfCancellationRequested();

                if (timer.IsCompletedSuccessfully && !attempts.Any(attempt => attempt.Connect.IsCompleted))
                {
                    if (attempts.Count >= MaxConnectAttempts)
                    {
                        // The first socket stays, so that a link whose round trip is longer than a few urgent delays
                        // still connects. The second oldest makes room: the newer sockets cover a link that came back.
                        attempts[1].Socket.Dispose();
                        attempts.RemoveAt(1);
                    }

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
