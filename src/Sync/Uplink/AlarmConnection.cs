using System.Security.Authentication;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Adapter;
using SmartCampus.Edge.Sync.Outbox;

namespace SmartCampus.Edge.Sync.Uplink;

/// <summary>
/// A second MQTT connection to the district broker that carries only the alarm lane, so that an alarm does not wait
/// behind telemetry that TCP is still retransmitting on the main connection. Client id "{main client id}-alarms", the
/// same credentials and TLS, a clean session and no will, because the main connection's will reports the gateway.
/// </summary>
/// <remarks>
/// The main connection still sends every alarm it finds in the outbox, so an alarm may reach the district twice with
/// the same sequence. Whichever PUBACK comes first deletes the records; the later delete finds nothing to delete. A
/// batch that this connection cannot send (over the broker's Maximum Packet Size, or rejected in its PUBACK) is left to
/// the main connection, which retries it or moves it to the dead-letter collection. So this connection can only
/// shorten an alarm's wait, and a broker that refuses it leaves the gateway as it was with one connection.
/// Alarm batches are pipelined: the next batch is published without waiting for the PUBACK of the one before. On a
/// line with a 400 ms round trip, an alarm cleared 300 ms after it was raised would otherwise wait for the raise's
/// PUBACK. The batches share one TCP connection, and MQTTnet writes packets under a first-in first-out lock.
/// While an alarm waits and the last attempt failed for a transport reason (see <see cref="IsTransportFailure"/>),
/// attempts come at most <see cref="UplinkOptions.AlarmReconnectDelay"/> apart instead of the doubling backoff, and a
/// TCP connect without a SYN-ACK is raced by a new socket as often. Against a link that is down each attempt is a
/// SYN, and against a broker host without the broker a SYN followed by a reset. So the alarm waits about that long
/// after the link is back, not the backoff's seconds. A CONNACK rejection (credentials, not authorised) keeps the
/// backoff, because retrying sooner cannot cure it.
/// NOTE: their order on the wire also needs MQTTnet 5.2 to take that lock before PublishAsync first yields, which was
/// not checked in its source. DistrictFaultTests checks the order of first arrivals over both connections.
/// </remarks>
internal sealed class AlarmConnection : IDisposable
{
    private readonly UplinkOptions _options;
    private readonly OutboxStore _outbox;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Func<List<OutboxRecord>, MqttApplicationMessage> _buildBatch;
    private readonly UplinkMqttClient _mqtt;
    private readonly ReconnectBackoff _backoff;
    private readonly DeliveredBatches _delivered;
    private readonly ReconnectWake _wake;
    private readonly ReconnectWake _wakeMain;
    private readonly Action<List<OutboxRecord>> _acknowledged;

    // Bounds the alarm batches waiting for their PUBACK on this connection. Alarms are rare, so a few are plenty. A
    // smaller Receive Maximum in an MQTT 5 broker's CONNACK lowers it.
    internal const int MaxBatchesInFlight = 8;

    // The batches of the current connection that wait for their PUBACK, oldest first. Only the send loop touches it.
    private readonly List<Task> _inFlight = [];

    private long _brokerMaxPacketBytes;
    private int _maxInFlight = MaxBatchesInFlight;

    // The highest alarm sequence published on the current connection. The next batch is read after it.
    private long _publishedUpTo;

    // The highest alarm sequence this connection gave up on, so records up to it stay with the main connection.
    // Written by the PUBACK waits and read by the send loop.
    private long _leftToMainUpTo;

    // False after a rejection, true after any other failure. A connect sets it, because a connection that ends later
    // ends for a transport reason.
    private volatile bool _transportFailed = true;

    /// <param name="addCredentials">Adds the main connection's credentials to the client options.</param>
    /// <param name="buildBatch">Builds the alarm batch message exactly as the main connection does.</param>
    /// <param name="wake">Signalled by the main connection when it connects, to end this connection's backoff.</param>
    /// <param name="wakeMain">Signalled here on connect, to end the main connection's backoff.</param>
    /// <param name="acknowledged">Called with each batch whose PUBACK came on this connection, to count it as sent.</param>
    public AlarmConnection(
        UplinkOptions options,
        OutboxStore outbox,
        UplinkTls? tls,
        TimeProvider timeProvider,
        ILogger logger,
        Func<MqttClientOptionsBuilder, MqttClientOptionsBuilder> addCredentials,
        Func<List<OutboxRecord>, MqttApplicationMessage> buildBatch,
        ReconnectWake wake,
        ReconnectWake wakeMain,
        Action<List<OutboxRecord>> acknowledged)
    {
        _options = options;
        _outbox = outbox;
        _timeProvider = timeProvider;
        _logger = logger;
        _buildBatch = buildBatch;
        _wake = wake;
        _wakeMain = wakeMain;
        _acknowledged = acknowledged;
        _delivered = new DeliveredBatches(outbox);
        ClientId = ClientIdFor(options);
        _backoff = new ReconnectBackoff(options.ReconnectMinDelay, options.ReconnectMaxDelay, DistrictUplink.FirstRetryDelay, Random.Shared);
        _mqtt = new UplinkMqttClient(options, ClientId, persistentSession: false, tls, timeProvider, logger, addCredentials, onConnectionLost: static _ => { });
        _mqtt.Sockets.UrgentRaceDelay = () => IsUrgent ? JitteredAlarmDelay() : null;
    }

    /// <summary>True while an alarm waits in the outbox and the link is down for a transport reason.</summary>
    private bool IsUrgent => _transportFailed && _outbox.Count(OutboxLane.Alarms) > 0;

    public string ClientId { get; }

    /// <summary>The alarm connection's client id: the main one with "-alarms" appended.</summary>
    public static string ClientIdFor(UplinkOptions options) => options.EffectiveClientId + "-alarms";

    public void Dispose() => _mqtt.Dispose();

    /// <summary>Connects, sends alarms until the connection drops, and reconnects with backoff until the stop.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                var woken = _wake.Next;
                var error = await RunConnectionAsync(stoppingToken);
                await _mqtt.DisconnectAsync();

                // The backoff goes on counting while alarms wait, so it resumes where an outage without alarms would be.
                var backoff = _backoff.Next();
                var urgent = IsUrgent;
                var delay = urgent ? Min(backoff, JitteredAlarmDelay()) : backoff;
                if (urgent && _backoff.Attempt > 1)
                {
                    // Several times a second for as long as the outage lasts: one warning per outage is enough.
                    UplinkLog.AlarmConnectionRetrySoon(_logger, _options.Host, _options.Port, ClientId, (long)delay.TotalMilliseconds, _backoff.Attempt, error);
                }
                else
                {
                    UplinkLog.AlarmConnectionFailed(_logger, _options.Host, _options.Port, ClientId, (long)delay.TotalMilliseconds, _backoff.Attempt, error);
                }

                await WaitToReconnectAsync(delay, woken, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Normal stop.
        }
        finally
        {
            await _mqtt.DisconnectAsync();
        }
    }

    /// <summary>
    /// Waits <paramref name="delay"/>, less when the main connection connects, and at most about
    /// <see cref="UplinkOptions.AlarmReconnectDelay"/> in all when an alarm comes in during a transport failure.
    /// </summary>
    private async Task WaitToReconnectAsync(TimeSpan delay, Task woken, CancellationToken stoppingToken)
    {
        var started = _timeProvider.GetTimestamp();
        var alarmDelay = JitteredAlarmDelay();
        while (true)
        {
            var limit = IsUrgent ? Min(delay, alarmDelay) : delay;
            var remaining = limit - _timeProvider.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero || woken.IsCompleted)
            {
                stoppingToken.ThrowIfCancellationRequested();
                return;
            }

            using var waitCancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var appended = _transportFailed ? _outbox.WaitForAppendAsync(waitCancellation.Token) : Task.Delay(Timeout.Infinite, waitCancellation.Token);
            var elapsed = Task.Delay(remaining, _timeProvider, waitCancellation.Token);
            await Task.WhenAny(elapsed, woken, appended);
            await waitCancellation.CancelAsync();
            stoppingToken.ThrowIfCancellationRequested();
            if (!appended.IsCompletedSuccessfully)
            {
                return;
            }
        }
    }

    /// <summary>Between half and all of the alarm reconnect delay, so gateways that wait for the same broker spread out.</summary>
    private TimeSpan JitteredAlarmDelay() => _options.AlarmReconnectDelay * (0.5 + (0.5 * Random.Shared.NextDouble()));

    private static TimeSpan Min(TimeSpan first, TimeSpan second) => first < second ? first : second;

    /// <summary>
    /// False for a refusal that a sooner retry cannot cure: a rejection in the CONNACK (the credentials, not authorised,
    /// the broker busy) or a TLS certificate the gateway does not trust. Anything else (refused, timed out, unreachable,
    /// a lost connection) is the link or the broker's host, and a retry is a SYN.
    /// </summary>
    internal static bool IsTransportFailure(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is UplinkConnectRejectedException or MqttConnectingFailedException or AuthenticationException)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>One connection: returns why it ended. The records of a failed batch stay in the outbox.</summary>
    private async Task<string> RunConnectionAsync(CancellationToken stoppingToken)
    {
        try
        {
            var result = await _mqtt.ConnectAsync(stoppingToken);
            _brokerMaxPacketBytes = result.MaximumPacketSize ?? 0;
            _maxInFlight = result.ReceiveMaximum > 0 ? Math.Min(MaxBatchesInFlight, (int)result.ReceiveMaximum) : MaxBatchesInFlight;
            _backoff.Reset();
            _transportFailed = true;
            _wakeMain.Signal();
            UplinkLog.AlarmConnected(_logger, _options.Host, _options.Port, ClientId);

            using var connection = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            try
            {
                await SendUntilDisconnectedAsync(connection.Token, stoppingToken);
            }
            finally
            {
                // A batch still waiting for its PUBACK is given up. Its records stay in the outbox unless the PUBACK came.
                await connection.CancelAsync();
                await Task.WhenAll(_inFlight).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                _inFlight.Clear();
            }

            return "the connection was closed";
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            // The loop must survive anything one connection throws; the main connection carries the alarms meanwhile.
            _transportFailed = IsTransportFailure(exception);
            return exception.Message;
        }
        finally
        {
            foreach (var failure in await _delivered.SettleAsync(stoppingToken))
            {
                UplinkLog.DeleteFailed(_logger, failure);
            }

            _publishedUpTo = 0;
            Volatile.Write(ref _leftToMainUpTo, 0);
        }
    }

    /// <param name="connectionToken">Cancelled when this connection ends, to give up the PUBACK waits.</param>
    private async Task SendUntilDisconnectedAsync(CancellationToken connectionToken, CancellationToken stoppingToken)
    {
        while (_mqtt.IsConnected)
        {
            stoppingToken.ThrowIfCancellationRequested();

            // Throws what a finished PUBACK wait failed with (the broker fell silent), which ends the connection.
            await CollectAcknowledgedAsync();

            // The signal is taken before the read, so an alarm committed in between still wakes the wait below.
            using var waitCancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var appended = _outbox.WaitForAppendAsync(waitCancellation.Token);
            var records = _inFlight.Count < _maxInFlight ? NextBatch() : [];
            if (records.Count > 0)
            {
                await waitCancellation.CancelAsync();
                _publishedUpTo = records[^1].Sequence;
                _inFlight.Add(SendAsync(records, connectionToken));
                continue;
            }

            // A finished PUBACK wait frees a place for the next batch, or moves the read position past a batch left to
            // the main connection.
            var acknowledged = _inFlight.Count > 0 ? Task.WhenAny(_inFlight) : Task.Delay(Timeout.Infinite, waitCancellation.Token);
            await Task.WhenAny(appended, _mqtt.Disconnected, acknowledged);
            await waitCancellation.CancelAsync();
        }
    }

    private async Task CollectAcknowledgedAsync()
    {
        for (var index = 0; index < _inFlight.Count;)
        {
            if (!_inFlight[index].IsCompleted)
            {
                index++;
                continue;
            }

            var done = _inFlight[index];
            _inFlight.RemoveAt(index);
            await done;
        }
    }

    private List<OutboxRecord> NextBatch()
    {
        // Every telemetry commit wakes this loop, so the count in memory saves a database query in the usual case.
        if (_outbox.Count(OutboxLane.Alarms) == 0)
        {
            return [];
        }

        var maxBytes = _brokerMaxPacketBytes > 0
            ? (int)Math.Min(_options.MaxBatchBytes, Math.Max(1, _brokerMaxPacketBytes - DistrictUplink.PacketOverheadBytes))
            : _options.MaxBatchBytes;
        var after = Math.Max(_publishedUpTo, Volatile.Read(ref _leftToMainUpTo));

        // The count includes alarms whose delete is queued, so with none appended after them there is nothing to read.
        if (_outbox.NewestSequence(OutboxLane.Alarms) <= after)
        {
            return [];
        }

        return DistrictUplink.LimitBytes(_outbox.PeekAfter(OutboxLane.Alarms, after, _options.BatchSize), maxBytes);
    }

    private async Task SendAsync(List<OutboxRecord> records, CancellationToken stoppingToken)
    {
        var message = _buildBatch(records);
        if (_brokerMaxPacketBytes > 0 && message.Payload.Length + DistrictUplink.PacketOverheadBytes > _brokerMaxPacketBytes)
        {
            LeaveToMain(records, $"the batch needs {message.Payload.Length} bytes, more than the broker's maximum packet size of {_brokerMaxPacketBytes} bytes");
            return;
        }

        var started = _timeProvider.GetTimestamp();
        var result = await _mqtt.PublishAsync(message, stoppingToken);
        if (!result.IsSuccess)
        {
            LeaveToMain(records, $"the broker rejected the batch with {result.ReasonCode} ({result.ReasonString})");
            return;
        }

        _acknowledged(records);
        await _delivered.DeleteAsync(OutboxLane.Alarms, records);

        var elapsed = _timeProvider.GetElapsedTime(started);
        UplinkLog.AlarmBatchSent(_logger, records.Count, records[0].Sequence, records[^1].Sequence, elapsed.TotalMilliseconds);
    }

    /// <remarks>
    /// NOTE: a later alarm sent here may then reach the district before the one left to the main connection, so the
    /// order per lane holds only while this connection sends every alarm it reads.
    /// </remarks>
    private void LeaveToMain(List<OutboxRecord> records, string reason)
    {
        // Batches wait for their PUBACKs side by side, so the position only ever moves up.
        var last = records[^1].Sequence;
        long seen;
        do
        {
            seen = Volatile.Read(ref _leftToMainUpTo);
        }
        while (seen < last && Interlocked.CompareExchange(ref _leftToMainUpTo, last, seen) != seen);

        UplinkLog.AlarmBatchLeftToMain(_logger, records[0].Sequence, records[^1].Sequence, reason);
    }
}
