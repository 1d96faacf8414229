using Microsoft.Extensions.Logging;
using MQTTnet;
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

    private long _brokerMaxPacketBytes;

    // The highest alarm sequence this connection gave up on; records up to it stay with the main connection.
    private long _leftToMainUpTo;

    /// <param name="addCredentials">Adds the main connection's credentials to the client options.</param>
    /// <param name="buildBatch">Builds the alarm batch message exactly as the main connection does.</param>
    /// <param name="wake">Signalled by the main connection when it connects, to end this connection's backoff.</param>
    /// <param name="wakeMain">Signalled here on connect, to end the main connection's backoff.</param>
    public AlarmConnection(
        UplinkOptions options,
        OutboxStore outbox,
        UplinkTls? tls,
        TimeProvider timeProvider,
        ILogger logger,
        Func<MqttClientOptionsBuilder, MqttClientOptionsBuilder> addCredentials,
        Func<List<OutboxRecord>, MqttApplicationMessage> buildBatch,
        ReconnectWake wake,
        ReconnectWake wakeMain)
    {
        _options = options;
        _outbox = outbox;
        _timeProvider = timeProvider;
        _logger = logger;
        _buildBatch = buildBatch;
        _wake = wake;
        _wakeMain = wakeMain;
        _delivered = new DeliveredBatches(outbox);
        ClientId = ClientIdFor(options);
        _backoff = new ReconnectBackoff(options.ReconnectMinDelay, options.ReconnectMaxDelay, DistrictUplink.FirstRetryDelay, Random.Shared);
        _mqtt = new UplinkMqttClient(options, ClientId, persistentSession: false, tls, timeProvider, logger, addCredentials, onConnectionLost: static _ => { });
    }

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

                var delay = _backoff.Next();
                UplinkLog.AlarmConnectionFailed(_logger, _options.Host, _options.Port, ClientId, (long)delay.TotalMilliseconds, _backoff.Attempt, error);
                await ReconnectWake.DelayAsync(delay, woken, _timeProvider, stoppingToken);
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

    /// <summary>One connection: returns why it ended. The records of a failed batch stay in the outbox.</summary>
    private async Task<string> RunConnectionAsync(CancellationToken stoppingToken)
    {
        try
        {
            var result = await _mqtt.ConnectAsync(stoppingToken);
            _brokerMaxPacketBytes = result.MaximumPacketSize ?? 0;
            _backoff.Reset();
            _wakeMain.Signal();
            UplinkLog.AlarmConnected(_logger, _options.Host, _options.Port, ClientId);

            await SendUntilDisconnectedAsync(stoppingToken);
            return "the connection was closed";
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            // The loop must survive anything one connection throws; the main connection carries the alarms meanwhile.
            return exception.Message;
        }
        finally
        {
            foreach (var failure in await _delivered.SettleAsync(stoppingToken))
            {
                UplinkLog.DeleteFailed(_logger, failure);
            }

            _leftToMainUpTo = 0;
        }
    }

    private async Task SendUntilDisconnectedAsync(CancellationToken stoppingToken)
    {
        while (_mqtt.IsConnected)
        {
            stoppingToken.ThrowIfCancellationRequested();

            // The signal is taken before the read, so an alarm committed in between still wakes the wait below.
            using var waitCancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var appended = _outbox.WaitForAppendAsync(waitCancellation.Token);
            var records = NextBatch();
            if (records.Count > 0)
            {
                await waitCancellation.CancelAsync();
                await SendAsync(records, stoppingToken);
                continue;
            }

            await Task.WhenAny(appended, _mqtt.Disconnected);
            await waitCancellation.CancelAsync();
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
        var after = Math.Max(_delivered.SentUpTo(OutboxLane.Alarms), _leftToMainUpTo);
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
        _leftToMainUpTo = records[^1].Sequence;
        UplinkLog.AlarmBatchLeftToMain(_logger, records[0].Sequence, records[^1].Sequence, reason);
    }
}
