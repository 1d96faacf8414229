using System.Buffers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using System.Threading.Channels;
using SmartCampus.Edge.Sync.Downlink;
using SmartCampus.Edge.Sync.Outbox;
using SmartCampus.Edge.Sync.Resources;
using SmartCampus.Edge.Sync.Status;

namespace SmartCampus.Edge.Sync.Uplink;

/// <summary>
/// Sends the outbox to the district broker over MQTT (QoS 1, persistent session, retained status with a last will).
/// Each lane goes in order, alarms first, in batches; a batch leaves the outbox only after its PUBACK. After a failed
/// publish or a lost connection the same records are sent again (same sequences) once reconnected, so delivery is at
/// least once and the district de-duplicates on (gateway, sequence).
/// </summary>
/// <remarks>
/// MQTTnet 5.2 has no managed client, so this service reconnects itself with exponential backoff and jitter.
/// A record that can never be delivered (larger than the broker's Maximum Packet Size, or in a batch the broker
/// rejects as malformed) is moved to the outbox's dead-letter collection rather than retried forever.
/// With a <see cref="DownlinkProcessor"/>, it subscribes to the command topics after every connect, whatever the
/// session-present flag says, because a broker restarted without persistence loses its sessions. A command is
/// acknowledged (PUBACK) only after the processor has recorded it, so the broker sends it again after a crash.
/// </remarks>
public sealed class DistrictUplink : BackgroundService, IUplinkStateSource
{
    private static readonly OutboxLane[] DrainOrder = [OutboxLane.Alarms, OutboxLane.Events, OutboxLane.Telemetry];

    // Bytes kept free in a packet for the fixed header, topic and MQTT 5 properties when the broker caps packet size.
    internal const int PacketOverheadBytes = 1024;

    // The first retry after a connection that worked; see ReconnectBackoff.
    internal static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(250);

    private readonly UplinkOptions _options;
    private readonly OutboxStore _outbox;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<DistrictUplink> _logger;
    private readonly UplinkMqttClient _mqtt;
    private readonly ReconnectBackoff _backoff;
    private readonly string _statusTopic;
    private readonly Dictionary<OutboxLane, string> _laneTopics;
    private readonly bool _isMqtt5;
    private readonly UplinkStateTracker _state;
    private readonly IGatewayStatusSource? _statusSource;
    private readonly UplinkTls? _tls;
    private readonly long _startedAt;
    private readonly DownlinkProcessor? _downlink;
    private readonly string _commandFilter;
    private readonly string _commandResultTopic;
    private readonly DeliveredBatches _delivered;
    private readonly BatchSizer _batchSizer = new();
    private readonly AlarmAcknowledgements _alarmsCounted = new();
    // Telemetry and events batches, which go one at a time (see SendBatchesAsync): the next is written only after the
    // publish of the last has ended. Alarm batches can go while one of those is still being sent, so they get a new
    // buffer each. It grows to the largest batch, up to about twice MaxBatchBytes, and stays.
    private readonly ArrayBufferWriter<byte> _batchBuffer = new();
    private readonly InFlightBatch _inFlight = new();
    private readonly InFlightBatch _statusInFlight = new();
    private readonly AlarmConnection? _alarmConnection;
    private readonly ReconnectWake _wake = new();
    private readonly ReconnectWake _wakeAlarmConnection = new();
    private readonly Channel<MqttApplicationMessageReceivedEventArgs> _commands =
        Channel.CreateUnbounded<MqttApplicationMessageReceivedEventArgs>(new UnboundedChannelOptions { SingleReader = true });

    private int _maxBatchBytes;
    private long _brokerMaxPacketBytes;
    private long _lastStatusAt;


    public DistrictUplink(UplinkOptions options, OutboxStore outbox, TimeProvider timeProvider, ILogger<DistrictUplink> logger)
        : this(options, outbox, statusSource: null, downlink: null, timeProvider, logger)
    {
    }

    /// <param name="statusSource">The host's gateway facts for the status heartbeat; null leaves them out.</param>
    /// <param name="downlink">Runs district commands; null subscribes to none.</param>
    /// <exception cref="InvalidOperationException">A TLS or credentials file cannot be read; the message is for the technician.</exception>
    public DistrictUplink(
        UplinkOptions options,
        OutboxStore outbox,
        IGatewayStatusSource? statusSource,
        DownlinkProcessor? downlink,
        TimeProvider timeProvider,
        ILogger<DistrictUplink> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);

        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(SyncText.FormatProblems("Uplink", problems), nameof(options));
        }

        _options = options;
        _outbox = outbox;
        _delivered = new DeliveredBatches(outbox);
        _timeProvider = timeProvider;
        _logger = logger;
        _isMqtt5 = options.MqttVersion == MqttProtocolVersion.V500;
        _maxBatchBytes = options.MaxBatchBytes;
        _statusSource = statusSource;
        _downlink = downlink;
        _commandFilter = DistrictTopics.Commands(options.TopicPrefix, options.SchoolId, options.GatewayId);
        _commandResultTopic = DistrictTopics.CommandResult(options.TopicPrefix, options.SchoolId, options.GatewayId);
        _startedAt = timeProvider.GetTimestamp();
        _tls = options.UseTls ? UplinkTls.Load(options) : null;

        _statusTopic = DistrictTopics.Status(options.TopicPrefix, options.SchoolId, options.GatewayId);
        _laneTopics = DrainOrder.ToDictionary(lane => lane, lane => DistrictTopics.Lane(options.TopicPrefix, options.SchoolId, options.GatewayId, lane));

        _backoff = new ReconnectBackoff(options.ReconnectMinDelay, options.ReconnectMaxDelay, FirstRetryDelay, Random.Shared);
        _state = new UplinkStateTracker(timeProvider, _backoff);
        _mqtt = new UplinkMqttClient(options, _tls, timeProvider, logger, ConfigureClient, OnConnectionLost);
        _mqtt.Client.ApplicationMessageReceivedAsync += OnMessageReceivedAsync;

        if (options.AlarmConnection)
        {
            _alarmConnection = new AlarmConnection(
                options, outbox, _tls, timeProvider, logger, AddCredentials,
                records => BuildMessage(_laneTopics[OutboxLane.Alarms], BuildBatchPayload(OutboxLane.Alarms, records, new ArrayBufferWriter<byte>()), retain: false, _options.ContentEncoding),
                wake: _wakeAlarmConnection,
                wakeMain: _wake,
                acknowledged: records => _state.RecordAlarmsSent(_alarmsCounted.CountNew(records)));
        }
    }

    /// <summary>Current connection state and counters, for the host's health page.</summary>
    public UplinkState State => _state.Snapshot();

    public override void Dispose()
    {
        _mqtt.Client.ApplicationMessageReceivedAsync -= OnMessageReceivedAsync;
        _mqtt.Dispose();
        _alarmConnection?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var metrics = UplinkMetrics.Track(this);
        var commandLoop = _downlink is null ? Task.CompletedTask : ProcessCommandsAsync(stoppingToken);
        var alarmLoop = _alarmConnection?.RunAsync(stoppingToken) ?? Task.CompletedTask;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var woken = _wake.Next;
                await RunConnectionAsync(stoppingToken);
                await DisconnectAsync();

                var delay = _backoff.Next();
                UplinkLog.Retry(_logger, (long)delay.TotalMilliseconds, _backoff.Attempt);
                await ReconnectWake.DelayAsync(delay, woken, _timeProvider, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Normal stop.
        }
        finally
        {
            _commands.Writer.TryComplete();
            await commandLoop;
            await alarmLoop;
            await GoOfflineAsync();

            var pending = DrainOrder.Sum(_outbox.Count);
            var sent = State.RecordsSent;
            UplinkLog.Stopped(_logger, sent, pending);
        }
    }

    /// <summary>Connects, then sends until the connection drops or a send fails. Returns to back off and retry.</summary>
    private async Task RunConnectionAsync(CancellationToken stoppingToken)
    {
        try
        {
            await ConnectAsync(stoppingToken);
            await SendUntilDisconnectedAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (UplinkConnectRejectedException exception)
        {
            _state.RecordFailure(exception);
            UplinkLog.ConnectRejected(_logger, _options.Host, _options.Port, exception.Message);
        }
        catch (UplinkPublishRejectedException exception)
        {
            _state.RecordFailure(exception);
            UplinkLog.PublishRejected(_logger, exception.Message);
        }
        catch (Exception exception) when (exception is MqttCommunicationException or TimeoutException or IOException)
        {
            _state.RecordFailure(exception);
            if (State.Connection == UplinkConnectionState.Connecting)
            {
                UplinkLog.ConnectFailed(_logger, _options.Host, _options.Port, exception.Message);
            }
            else
            {
                UplinkLog.PublishFailed(_logger, exception.Message);
            }
        }
        catch (Exception exception)
        {
            // The loop must survive anything one connection throws; the records stay in the outbox either way.
            _state.RecordFailure(exception);
            UplinkLog.UnexpectedError(_logger, exception);
        }
    }

    private async Task ConnectAsync(CancellationToken stoppingToken)
    {
        var attempt = _state.SetConnecting();
        UplinkLog.Connecting(
            _logger, _options.Host, _options.Port, _mqtt.ClientOptions.ClientId, _options.ProtocolVersion, _options.UseTls, _options.Username, attempt);

        var result = await _mqtt.ConnectAsync(stoppingToken);

        _brokerMaxPacketBytes = result.MaximumPacketSize ?? 0;
        _maxBatchBytes = result.MaximumPacketSize is > 0 and var brokerMax
            ? (int)Math.Min(_options.MaxBatchBytes, Math.Max(1, (long)brokerMax - PacketOverheadBytes))
            : _options.MaxBatchBytes;
        _batchSizer.Restart(_maxBatchBytes);

        _state.SetConnected(result.IsSessionPresent);
        _wakeAlarmConnection.Signal();
        var pending = DrainOrder.Sum(_outbox.Count);
        UplinkLog.Connected(_logger, _options.Host, _options.Port, result.IsSessionPresent, pending);

        // The first status after a connect also reports the drops of the outage to the district. Its PUBLISH goes out
        // first, but the batch loop does not wait for its PUBACK or the SUBACK, because on a lossy line they can take
        // seconds and an alarm must not wait for them. A failure still ends the connection (see SendBatchesAsync).
        _statusInFlight.Start(PublishStatusAndSubscribeAsync, stoppingToken);
    }

    private async Task<int> PublishStatusAndSubscribeAsync(CancellationToken cancellationToken)
    {
        await PublishOnlineStatusAsync(cancellationToken);
        if (_downlink is not null)
        {
            await SubscribeCommandsAsync(cancellationToken);
        }

        return 0;
    }

    /// <summary>Subscribes to the command topics at QoS 1 and checks the SUBACK; a refusal drops the connection.</summary>
    private async Task SubscribeCommandsAsync(CancellationToken stoppingToken)
    {
        var subscription = new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(_commandFilter, MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();

        using var timeout = new CancellationTokenSource(_options.ConnectTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
        var result = await _mqtt.Client.SubscribeAsync(subscription, linked.Token);
        _mqtt.Silence.RecordResponse();

        var code = result.Items.Count == 1 ? result.Items.First().ResultCode : MqttClientSubscribeResultCode.UnspecifiedError;
        if (code is not (MqttClientSubscribeResultCode.GrantedQoS1 or MqttClientSubscribeResultCode.GrantedQoS2))
        {
            UplinkLog.SubscribeRejected(_logger, _commandFilter, code.ToString());
            throw new MqttCommunicationException($"The broker did not grant the subscription to {_commandFilter} at QoS 1: {code}. Check the gateway's ACL on the district broker.");
        }
    }

    private Task OnMessageReceivedAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        if (_downlink is null || !args.ApplicationMessage.Topic.StartsWith(_commandFilter[..^1], StringComparison.Ordinal))
        {
            return Task.CompletedTask;
        }

        // Handlers run on MQTTnet's receive path: queue the command and acknowledge it once it has been recorded.
        args.AutoAcknowledge = false;
        _commands.Writer.TryWrite(args);
        return Task.CompletedTask;
    }

    private async Task ProcessCommandsAsync(CancellationToken stoppingToken)
    {
        await foreach (var args in _commands.Reader.ReadAllAsync(CancellationToken.None))
        {
            if (stoppingToken.IsCancellationRequested)
            {
                // Not acknowledged: the broker sends it again after the next connect.
                continue;
            }

            DownlinkReply reply;
            try
            {
                reply = await _downlink!.ProcessAsync(_options.SchoolId, _options.GatewayId, args.ApplicationMessage.Payload.ToArray(), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                continue;
            }
            catch (Exception exception)
            {
                // The ledger could not record the command: without a PUBACK the broker sends it again after a reconnect.
                UplinkLog.CommandNotRecorded(_logger, args.ApplicationMessage.Topic, exception);
                continue;
            }

            try
            {
                await args.AcknowledgeAsync(stoppingToken);
                var payload = DistrictPayloads.CommandResult(_options.SchoolId, _options.GatewayId, reply, _timeProvider.GetUtcNow());
                await PublishAsync(BuildMessage(_commandResultTopic, payload, retain: false, contentEncoding: null), stoppingToken);
                if (reply.PublishStatus)
                {
                    await PublishOnlineStatusAsync(stoppingToken);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                UplinkLog.ReplyFailed(_logger, reply.Id ?? "(none)", exception.Message);
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
        }
    }

    private async Task PublishOnlineStatusAsync(CancellationToken stoppingToken)
    {
        var online = DistrictStatus.Connected(_timeProvider.GetUtcNow(), State.SessionPresent, _outbox) with
        {
            Uptime = _timeProvider.GetElapsedTime(_startedAt),
            Gateway = ReadGatewayStatus(),
            DiskBudgetBytes = _outbox.MaxDiskBytes,
        };

        _lastStatusAt = _timeProvider.GetTimestamp();
        await PublishStatusAsync(online, stoppingToken);
    }

    private GatewayStatusSnapshot? ReadGatewayStatus()
    {
        try
        {
            return _statusSource?.GetStatus();
        }
        catch (Exception exception)
        {
            // A broken status source must not take the link down; the status then goes without the gateway facts.
            UplinkLog.StatusSourceFailed(_logger, exception);
            return null;
        }
    }

    /// <summary>The status publish (and subscription) in flight, or a task that completes with the connection.</summary>
    private Task StatusStep => _statusInFlight.Batch ?? _mqtt.Disconnected;

    private TimeSpan UntilNextStatus() => _options.StatusInterval - _timeProvider.GetElapsedTime(_lastStatusAt);

    /// <summary>Sends batches while there are records, sleeps while there are none; returns when the connection drops.</summary>
    private async Task SendUntilDisconnectedAsync(CancellationToken stoppingToken)
    {
        try
        {
            await SendBatchesAsync(stoppingToken);
        }
        finally
        {
            // A batch still in flight is given up: its records stay in the outbox unless its PUBACK came first.
            await _inFlight.AbandonAsync();
            await _statusInFlight.AbandonAsync();

            // The next connection reads every lane from its oldest record, so the deletes still queued must land first.
            foreach (var failure in await _delivered.SettleAsync(stoppingToken))
            {
                UplinkLog.DeleteFailed(_logger, failure);
            }
        }
    }

    /// <remarks>
    /// Alarm batches go one at a time and are awaited. A telemetry or events batch stays in flight while the loop
    /// goes on, so that an alarm raised meanwhile is published at once instead of after that batch's PUBACK (a round
    /// trip, more on a lossy line). At most one such batch is in flight, so each lane keeps its order.
    /// </remarks>
    private async Task SendBatchesAsync(CancellationToken stoppingToken)
    {
        var started = _timeProvider.GetTimestamp();
        var sentSinceConnect = 0L;
        var backlogReported = false;

        while (true)
        {
            stoppingToken.ThrowIfCancellationRequested();
            if (!_mqtt.IsConnected)
            {
                return;
            }

            if (_statusInFlight.Batch is { IsCompleted: true } status)
            {
                // Throws what the status or the subscription failed with, which ends the connection.
                _statusInFlight.Clear();
                await status;
            }

            if (UntilNextStatus() <= TimeSpan.Zero && _statusInFlight.Batch is null)
            {
                _statusInFlight.Start(async cancellation =>
                {
                    await PublishOnlineStatusAsync(cancellation);
                    return 0;
                }, stoppingToken);
            }

            if (_inFlight.Batch is { IsCompleted: true } done)
            {
                _inFlight.Clear();
                sentSinceConnect += await done;
                continue;
            }

            if (HasUnsentAlarms())
            {
                sentSinceConnect += await SendBatchAsync(OutboxLane.Alarms, stoppingToken);
                continue;
            }

            if (_inFlight.Batch is { } pending)
            {
                await WaitForAlarmOrBatchAsync(pending, stoppingToken);
                continue;
            }

            var lane = NextLaneWithRecords();
            if (lane is not null)
            {
                if (await WaitForFullerBatchAsync(lane.Value, stoppingToken))
                {
                    continue;
                }

                if (lane == OutboxLane.Alarms)
                {
                    sentSinceConnect += await SendBatchAsync(lane.Value, stoppingToken);
                }
                else
                {
                    _inFlight.Start(cancellation => SendBatchAsync(lane.Value, cancellation), stoppingToken);
                }

                continue;
            }

            _state.MarkHealthy();
            if (sentSinceConnect > 0 && !backlogReported)
            {
                var elapsed = _timeProvider.GetElapsedTime(started);
                UplinkLog.BacklogSent(_logger, sentSinceConnect, elapsed.TotalMilliseconds);
                backlogReported = true;
            }

            if (!await WaitForRecordsAsync(stoppingToken))
            {
                return;
            }
        }
    }

    /// <summary>
    /// True when the alarm lane contains a record not yet sent on this connection. The lane counts the alarms whose
    /// delete is queued, so the read (25 to 30 KB of LiteDB garbage) is skipped when none was appended after them.
    /// </summary>
    private bool HasUnsentAlarms()
    {
        var sentUpTo = _delivered.SentUpTo(OutboxLane.Alarms);
        return _outbox.Count(OutboxLane.Alarms) > 0
            && _outbox.NewestSequence(OutboxLane.Alarms) > sentUpTo
            && _outbox.PeekAfter(OutboxLane.Alarms, sentUpTo, 1).Count > 0;
    }

    /// <summary>Waits until the batch in flight is done, a record is appended (maybe an alarm) or the connection drops.</summary>
    private async Task WaitForAlarmOrBatchAsync(Task<int> inFlight, CancellationToken stoppingToken)
    {
        using var waitCancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var appended = _outbox.WaitForAppendAsync(waitCancellation.Token);

        // An alarm stored between the caller's look and taking the signal above would wait for the next append.
        if (!HasUnsentAlarms())
        {
            await Task.WhenAny(inFlight, appended, _mqtt.Disconnected, StatusStep);
        }

        await waitCancellation.CancelAsync();
        stoppingToken.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// Sends the oldest records of one lane as one batch and deletes them after the PUBACK. A batch over the broker's
    /// Maximum Packet Size is halved until it fits; a single record that does not fit, or a batch the broker rejects
    /// for good, goes to the dead-letter collection. Returns the number of records delivered.
    /// </summary>
    private async Task<int> SendBatchAsync(OutboxLane lane, CancellationToken stoppingToken)
    {
        var maxBytes = lane == OutboxLane.Alarms ? _maxBatchBytes : Math.Min(_maxBatchBytes, _batchSizer.Limit);
        var sentUpTo = _delivered.SentUpTo(lane);

        // The lane counts the records of the last batch until their delete commits, so the loop comes here once more
        // after each batch. When nothing was appended after the last record sent, there is nothing to read.
        List<OutboxRecord> records = _outbox.NewestSequence(lane) > sentUpTo
            ? LimitBytes(_outbox.PeekAfter(lane, sentUpTo, _options.BatchSize), maxBytes)
            : [];
        if (records.Count == 0)
        {
            await CatchUpAsync(lane, stoppingToken);
            return 0;
        }

        var topic = _laneTopics[lane];
        var buffer = lane == OutboxLane.Alarms ? new ArrayBufferWriter<byte>() : _batchBuffer;
        var payload = BuildBatchPayload(lane, records, buffer);
        while (_brokerMaxPacketBytes > 0 && payload.Length + PacketOverheadBytes > _brokerMaxPacketBytes)
        {
            if (records.Count == 1)
            {
                var reason = $"the record needs {payload.Length} bytes, more than the broker's maximum packet size of {_brokerMaxPacketBytes} bytes";
                await DeadLetterAsync(lane, records, reason);
                return 0;
            }

            records = records.Take(records.Count / 2).ToList();
            payload = BuildBatchPayload(lane, records, buffer);
        }

        var started = _timeProvider.GetTimestamp();
        var result = await PublishAsync(BuildMessage(topic, payload, retain: false, _options.ContentEncoding), stoppingToken);
        if (!result.IsSuccess)
        {
            if (IsPermanentRejection(result.ReasonCode))
            {
                await DeadLetterAsync(lane, records, $"the broker rejected the batch with {result.ReasonCode} ({result.ReasonString})");
                return 0;
            }

            throw new UplinkPublishRejectedException(topic, result.ReasonCode, result.ReasonString);
        }

        // Only a PUBACK gets here. The delete is queued, and the next batch is read after this one meanwhile.
        var acknowledgedAfter = _timeProvider.GetElapsedTime(started);
        if (lane != OutboxLane.Alarms)
        {
            _batchSizer.Acknowledged(acknowledgedAfter);
        }

        UplinkMetrics.RecordBatch(lane, records.Count, payload.Length, acknowledgedAfter);
        _state.RecordBatchSent(lane == OutboxLane.Alarms ? _alarmsCounted.CountNew(records) : records.Count);
        await _delivered.DeleteAsync(lane, records);

        var elapsed = _timeProvider.GetElapsedTime(started);
        var laneName = DistrictTopics.LaneName(lane);
        UplinkLog.BatchSent(_logger, records.Count, laneName, records[0].Sequence, records[^1].Sequence, payload.Length, elapsed.TotalMilliseconds);

        return records.Count;
    }

    /// <summary>
    /// The lane counts records but none is left after the last batch sent: they wait for their queued delete, or the
    /// disk budget dropped them after the count. Waits for the deletes; records still there below the position (a
    /// delete that failed, a down-sampling summary) are read again from the oldest.
    /// </summary>
    private async Task CatchUpAsync(OutboxLane lane, CancellationToken stoppingToken)
    {
        if (_delivered.HasPendingDeletes)
        {
            await _delivered.FlushAsync(stoppingToken);
            return;
        }

        _delivered.Rewind(lane);
    }

    /// <summary>
    /// PUBACK reason codes that a resend cannot cure (MQTT 5 §3.4.2.1). Not authorised and quota exceeded are
    /// retried, because the district can fix its access list or load, and dead-lettering alarms for that would lose them.
    /// </summary>
    private static bool IsPermanentRejection(MqttClientPublishReasonCode code) =>
        code is MqttClientPublishReasonCode.PayloadFormatInvalid or MqttClientPublishReasonCode.TopicNameInvalid;

    private async Task DeadLetterAsync(OutboxLane lane, List<OutboxRecord> records, string reason)
    {
        var sequences = records.Select(record => record.Sequence).ToList();
        await _outbox.DeadLetterAsync(lane, sequences, reason, CancellationToken.None);
        UplinkLog.DeadLettered(_logger, sequences.Count, DistrictTopics.LaneName(lane), sequences[0], sequences[^1], reason);
    }

    /// <summary>
    /// Writes the batch into <paramref name="buffer"/>. Without compression the payload is the buffer's content, so it
    /// is valid until the buffer's next batch.
    /// </summary>
    private ReadOnlyMemory<byte> BuildBatchPayload(OutboxLane lane, List<OutboxRecord> records, ArrayBufferWriter<byte> buffer)
    {
        DistrictPayloads.WriteBatch(buffer, _options.SchoolId, _options.GatewayId, lane, records, _timeProvider.GetUtcNow(), OnInvalidPayload);
        if (_options.ContentEncoding is not { } encoding)
        {
            return buffer.WrittenMemory;
        }

        var compressed = DistrictPayloads.Compress(buffer.WrittenSpan, encoding);
        return _isMqtt5 ? compressed : DistrictPayloads.CompressedEnvelope(compressed, encoding);
    }

    /// <summary>
    /// For telemetry and events with <see cref="UplinkOptions.MaxBatchAge"/> set: waits while the lane has less than
    /// a full batch and its oldest record is younger than the limit. Returns true after waiting (new records, the
    /// limit reached or the connection lost), so the caller looks at the lanes again; alarms never wait.
    /// </summary>
    private async Task<bool> WaitForFullerBatchAsync(OutboxLane lane, CancellationToken stoppingToken)
    {
        if (lane == OutboxLane.Alarms || _options.MaxBatchAge <= TimeSpan.Zero)
        {
            return false;
        }

        // Records whose delete is still queued would count towards the batch and the oldest age.
        await _delivered.FlushAsync(stoppingToken);
        if (_outbox.Count(lane) >= _options.BatchSize)
        {
            return false;
        }

        if (_outbox.OldestCreatedAt(lane) is not { } oldest)
        {
            return false;
        }

        var remaining = _options.MaxBatchAge - (_timeProvider.GetUtcNow() - oldest);
        if (remaining <= TimeSpan.Zero)
        {
            return false;
        }

        // A wall clock set back could make the remaining time longer than the limit itself.
        remaining = TimeSpan.FromTicks(Math.Min(remaining.Ticks, _options.MaxBatchAge.Ticks));

        using var waitCancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var appended = _outbox.WaitForAppendAsync(waitCancellation.Token);
        var delay = Task.Delay(remaining, _timeProvider, waitCancellation.Token);
        await Task.WhenAny(appended, delay, _mqtt.Disconnected, StatusStep);
        await waitCancellation.CancelAsync();
        stoppingToken.ThrowIfCancellationRequested();
        return true;
    }

    /// <summary>Waits for a new record or the next heartbeat (true), or a lost connection (false).</summary>
    private async Task<bool> WaitForRecordsAsync(CancellationToken stoppingToken)
    {
        using var waitCancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var records = _outbox.WaitForRecordsAsync(waitCancellation.Token);
        var disconnected = _mqtt.Disconnected;

        // Wakes up for the next heartbeat too; the caller publishes it when due.
        var untilStatus = UntilNextStatus();
        var heartbeat = Task.Delay(untilStatus > TimeSpan.Zero ? untilStatus : TimeSpan.Zero, _timeProvider, waitCancellation.Token);

        await Task.WhenAny(records, disconnected, heartbeat, StatusStep);
        await waitCancellation.CancelAsync();
        stoppingToken.ThrowIfCancellationRequested();

        return !disconnected.IsCompleted;
    }

    private Task<MqttClientPublishResult> PublishAsync(MqttApplicationMessage message, CancellationToken stoppingToken) =>
        _mqtt.PublishAsync(message, stoppingToken);

    private async Task PublishStatusAsync(DistrictStatus status, CancellationToken cancellationToken)
    {
        var payload = DistrictPayloads.Status(_options.SchoolId, _options.GatewayId, status);
        var result = await PublishAsync(BuildMessage(_statusTopic, payload, retain: true, contentEncoding: null), cancellationToken);
        if (!result.IsSuccess)
        {
            throw new UplinkPublishRejectedException(_statusTopic, result.ReasonCode, result.ReasonString);
        }
    }

    /// <summary>On stop: replaces the retained status with "offline" (reason shutdown) and disconnects cleanly.</summary>
    private async Task GoOfflineAsync()
    {
        if (_mqtt.IsConnected)
        {
            try
            {
                await PublishStatusAsync(DistrictStatus.Shutdown(_timeProvider.GetUtcNow()), CancellationToken.None);
            }
            catch (Exception exception)
            {
                // Runs while the service stops: whatever fails here must not turn a clean stop into a crash.
                UplinkLog.StatusFailed(_logger, "offline", exception.Message);
            }
        }

        await DisconnectAsync();
    }

    /// <summary>Closes the connection if it is open; a normal DISCONNECT stops the broker from sending the will.</summary>
    private async Task DisconnectAsync()
    {
        _state.SetDisconnected();

        // The connection is gone either way, and the next connect starts from a clean client state. A failed
        // DISCONNECT must not end the reconnect loop, nor hide the error that led to it.
        if (await _mqtt.DisconnectAsync() is { } exception)
        {
            UplinkLog.DisconnectFailed(_logger, exception.Message);
        }
    }

    /// <summary>Records a connection that dropped. It runs on MQTTnet's receive path, so it only records.</summary>
    private void OnConnectionLost(MqttClientDisconnectedEventArgs args)
    {
        var reason = args.Reason.ToString();
        var error = args.Exception?.Message ?? "the connection was closed";
        _state.SetDisconnected();
        _state.RecordError($"Disconnected ({reason}): {error}");
        UplinkLog.Disconnected(_logger, _options.Host, _options.Port, reason, error);
    }

    private OutboxLane? NextLaneWithRecords()
    {
        foreach (var lane in DrainOrder)
        {
            if (_outbox.Count(lane) > 0)
            {
                return lane;
            }
        }

        return null;
    }

    /// <summary>Keeps the leading records whose payloads fit in one batch; the first record always goes.</summary>
    internal static List<OutboxRecord> LimitBytes(IReadOnlyList<OutboxRecord> records, int maxBytes)
    {
        var batch = new List<OutboxRecord>(records.Count);
        var bytes = 0L;
        foreach (var record in records)
        {
            bytes += record.Payload.Length + DistrictPayloads.RecordEnvelopeBytes;
            if (batch.Count > 0 && bytes > maxBytes)
            {
                break;
            }

            batch.Add(record);
        }

        return batch;
    }

    /// <summary>
    /// Builds a QoS 1 message. Under MQTT 5 the content type is "application/json"; a compressed payload adds the
    /// user property "content-encoding" ("gzip" or "zstd") and is marked as bytes. Under MQTT 3.1.1 a compressed
    /// batch is already wrapped in a JSON envelope with "contentEncoding".
    /// </summary>
    private MqttApplicationMessage BuildMessage(string topic, ReadOnlyMemory<byte> payload, bool retain, string? contentEncoding)
    {
        var builder = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(new ReadOnlySequence<byte>(payload))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain);

        if (_isMqtt5)
        {
            builder = builder.WithContentType("application/json");
            builder = contentEncoding is not null
                ? builder.WithUserProperty("content-encoding", System.Text.Encoding.UTF8.GetBytes(contentEncoding)).WithPayloadFormatIndicator(MqttPayloadFormatIndicator.Unspecified)
                : builder.WithPayloadFormatIndicator(MqttPayloadFormatIndicator.CharacterData);
        }

        return builder.Build();
    }

    /// <summary>Adds the retained "connection lost" status as the will, and the credentials if there are any.</summary>
    private MqttClientOptionsBuilder ConfigureClient(MqttClientOptionsBuilder builder)
    {
        builder = AddCredentials(builder);
        var will = DistrictPayloads.Status(_options.SchoolId, _options.GatewayId, DistrictStatus.ConnectionLost);
        builder = builder
            .WithWillTopic(_statusTopic)
            .WithWillPayload(will)
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);

        if (_isMqtt5)
        {
            builder = builder.WithWillContentType("application/json");
        }

        return builder;
    }

    private MqttClientOptionsBuilder AddCredentials(MqttClientOptionsBuilder builder)
    {
        if (!string.IsNullOrEmpty(_options.Username))
        {
            builder = builder.WithCredentials(_options.Username, _options.Password);
        }

        return builder;
    }

    private void OnInvalidPayload(OutboxRecord record, Exception exception) =>
        UplinkLog.InvalidPayload(_logger, record.Sequence, DistrictTopics.LaneName(record.Lane), record.Type, exception);

}
