using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using System.Buffers;
using SmartCampus.Edge.Sync.Downlink;
using SmartCampus.Edge.Sync.Outbox;
using SmartCampus.Edge.Sync.Resources;
using SmartCampus.Edge.Sync.Status;
using SmartCampus.Edge.Sync.Uplink;

namespace SmartCampus.Edge.Sync.ThingsBoard;

/// <summary>
/// The district link for a district that runs ThingsBoard: sends the outbox over ThingsBoard's MQTT gateway API
/// (QoS 1), with the same guarantees as <see cref="DistrictUplink"/>. Lanes drain alarms first, then events, then
/// telemetry. A batch leaves the outbox only after every message it maps to has its PUBACK. A record too large for
/// the broker's Maximum Packet Size, or rejected as malformed, is dead-lettered. Reconnects back off with jitter.
/// </summary>
/// <remarks>
/// The gateway device's access token is the MQTT user name. After every connect the uplink announces each configured
/// device (v1/gateway/connect with its type), publishes the gateway's attributes and status telemetry, and subscribes
/// to server-side RPCs, which <see cref="ThingsBoardRpc"/> runs. An RPC message is acknowledged only after its id is
/// recorded, so the broker sends it again after a crash.
/// </remarks>
public sealed class ThingsBoardUplink : BackgroundService, IUplinkStateSource
{
    private static readonly OutboxLane[] DrainOrder = [OutboxLane.Alarms, OutboxLane.Events, OutboxLane.Telemetry];

    // Bytes kept free in a packet for the fixed header and topic when the broker caps packet size.
    private const int PacketOverheadBytes = 1024;

    private readonly UplinkOptions _options;
    private readonly ThingsBoardOptions _thingsBoard;
    private readonly OutboxStore _outbox;
    private readonly IGatewayStatusSource? _statusSource;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<ThingsBoardUplink> _logger;
    private readonly ThingsBoardRecordMapper _mapper;
    private readonly ThingsBoardRpc _rpc;
    private readonly ThingsBoardSharedAttributes? _sharedAttributes;
    private readonly ReconnectBackoff _backoff;
    private readonly UplinkTls? _tls;
    private readonly string _accessToken;
    private readonly UplinkMqttClient _mqtt;
    private readonly long _startedAt;
    private readonly UplinkStateTracker _state;
    private readonly Channel<MqttApplicationMessageReceivedEventArgs> _rpcRequests =
        Channel.CreateUnbounded<MqttApplicationMessageReceivedEventArgs>(new UnboundedChannelOptions { SingleReader = true });

    private long _brokerMaxPacketBytes;
    private long _lastStatusAt;
    private int _disposed;

    /// <param name="rpcHandler">Runs RPCs mapped onto downlink commands. When it is null or RPC is turned off, every RPC gets an error reply.</param>
    /// <exception cref="InvalidOperationException">The access token or a TLS file cannot be read; the message is for the technician.</exception>
    public ThingsBoardUplink(
        UplinkOptions options,
        ThingsBoardOptions thingsBoard,
        OutboxStore outbox,
        IGatewayStatusSource? statusSource,
        IDownlinkCommandHandler? rpcHandler,
        TimeProvider timeProvider,
        ILogger<ThingsBoardUplink> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(thingsBoard);
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentException.ThrowIfNullOrWhiteSpace(thingsBoard.AccessTokenFile);

        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(SyncText.FormatProblems("Uplink", problems), nameof(options));
        }

        _options = options;
        _thingsBoard = thingsBoard;
        _outbox = outbox;
        _statusSource = statusSource;
        _timeProvider = timeProvider;
        _logger = logger;
        _startedAt = timeProvider.GetTimestamp();
        _accessToken = ThingsBoardAccessToken.Load(thingsBoard.AccessTokenFile);
        _tls = options.UseTls ? UplinkTls.Load(options) : null;
        _mapper = new ThingsBoardRecordMapper(options.SchoolId, options.GatewayId, thingsBoard.DeviceTypes, OnInvalidPayload);
        _rpc = new ThingsBoardRpc(options.SchoolId, thingsBoard, rpcHandler, timeProvider, logger);
        _sharedAttributes = thingsBoard.RpcEnabled && rpcHandler is not null
            ? new ThingsBoardSharedAttributes(options.SchoolId, thingsBoard, _rpc, timeProvider, logger)
            : null;
        _backoff = new ReconnectBackoff(options.ReconnectMinDelay, options.ReconnectMaxDelay, Random.Shared);
        _state = new UplinkStateTracker(timeProvider, _backoff);
        _mqtt = new UplinkMqttClient(options, _tls, timeProvider, logger, ConfigureClient, OnConnectionLost);
        _mqtt.Client.ApplicationMessageReceivedAsync += OnMessageReceivedAsync;
    }

    public UplinkState State => _state.Snapshot();

    /// <remarks>Safe to call more than once: the host's container disposes the instance once per service it is registered as.</remarks>
    public override void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _mqtt.Client.ApplicationMessageReceivedAsync -= OnMessageReceivedAsync;
        _mqtt.Dispose();
        _rpc.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var rpcLoop = ProcessRpcRequestsAsync(stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await RunConnectionAsync(stoppingToken);
                await DisconnectAsync();

                var delay = _backoff.Next();
                ThingsBoardLog.Retry(_logger, (long)delay.TotalMilliseconds, _backoff.Attempt);
                await Task.Delay(delay, _timeProvider, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Normal stop.
        }
        finally
        {
            _rpcRequests.Writer.TryComplete();
            await rpcLoop;
            await GoOfflineAsync();

            var pending = DrainOrder.Sum(_outbox.Count);
            var sent = State.RecordsSent;
            ThingsBoardLog.Stopped(_logger, sent, pending);
        }
    }

    /// <summary>Connects, then sends until the connection drops or a send fails. Returns to back off and retry.</summary>
    private async Task RunConnectionAsync(CancellationToken stoppingToken)
    {
        var stage = "connecting";
        try
        {
            await ConnectAsync(stoppingToken);
            stage = "sending";
            await SendUntilDisconnectedAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (exception is MqttCommunicationException or TimeoutException or IOException
            or UplinkConnectRejectedException or UplinkPublishRejectedException)
        {
            _state.RecordFailure(exception);
            ThingsBoardLog.LinkFailed(_logger, _options.Host, _options.Port, stage, exception.Message, exception: null);
        }
        catch (Exception exception)
        {
            // The loop must survive anything one connection throws; the records stay in the outbox either way.
            _state.RecordFailure(exception);
            ThingsBoardLog.LinkFailed(_logger, _options.Host, _options.Port, stage, exception.Message, exception);
        }
    }

    private async Task ConnectAsync(CancellationToken stoppingToken)
    {
        var attempt = _state.SetConnecting();
        ThingsBoardLog.Connecting(
            _logger, _options.Host, _options.Port, _mqtt.ClientOptions.ClientId, _options.ProtocolVersion, _options.UseTls, _thingsBoard.AccessTokenFile, attempt);

        var result = await _mqtt.ConnectAsync(stoppingToken);

        _brokerMaxPacketBytes = result.MaximumPacketSize ?? 0;
        _state.SetConnected(result.IsSessionPresent);

        await SubscribeRpcAsync(stoppingToken);
        var announcements = _mapper.AnnounceAll();
        foreach (var message in announcements)
        {
            await PublishCheckedAsync(message, stoppingToken);
        }

        var pending = DrainOrder.Sum(_outbox.Count);
        ThingsBoardLog.Connected(_logger, _options.Host, _options.Port, result.IsSessionPresent, _thingsBoard.DeviceTypes.Count, pending);

        // The first status after a connect also reports the drops of the outage.
        await PublishStatusAsync(withAttributes: true, stoppingToken);

        // Shared attributes changed while the link was down arrive only as the response to a request.
        foreach (var request in _sharedAttributes?.RequestAll() ?? [])
        {
            await PublishCheckedAsync(request, stoppingToken);
        }
    }

    /// <summary>
    /// Subscribes to both RPC topics, and with commands allowed to the shared attribute topics, at QoS 1, and checks
    /// the SUBACK. A refusal drops the connection.
    /// </summary>
    private async Task SubscribeRpcAsync(CancellationToken stoppingToken)
    {
        // MQTT 5's No Local keeps the broker from echoing the gateway's own messages on v1/gateway/rpc and
        // v1/gateway/attributes back to it.
        var noLocal = _options.MqttVersion == MqttProtocolVersion.V500;
        var builder = new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(filter => filter.WithTopic(ThingsBoardTopics.Rpc).WithAtLeastOnceQoS().WithNoLocal(noLocal))
            .WithTopicFilter(filter => filter.WithTopic(ThingsBoardTopics.GatewayRpcRequests).WithAtLeastOnceQoS());
        if (_sharedAttributes is not null)
        {
            builder = builder
                .WithTopicFilter(filter => filter.WithTopic(ThingsBoardTopics.Attributes).WithAtLeastOnceQoS().WithNoLocal(noLocal))
                .WithTopicFilter(filter => filter.WithTopic(ThingsBoardTopics.AttributeResponse).WithAtLeastOnceQoS());
        }

        var subscription = builder.Build();

        using var timeout = new CancellationTokenSource(_options.ConnectTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
        var result = await _mqtt.Client.SubscribeAsync(subscription, linked.Token);
        foreach (var item in result.Items)
        {
            if (item.ResultCode is not (MqttClientSubscribeResultCode.GrantedQoS0 or MqttClientSubscribeResultCode.GrantedQoS1 or MqttClientSubscribeResultCode.GrantedQoS2))
            {
                throw new MqttCommunicationException(
                    $"ThingsBoard did not grant the subscription to {item.TopicFilter.Topic}: {item.ResultCode}. Check that the device is a gateway (Is gateway) in ThingsBoard.");
            }
        }
    }

    /// <summary>Sends batches while there are records, sleeps while there are none; returns when the connection drops.</summary>
    private async Task SendUntilDisconnectedAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            stoppingToken.ThrowIfCancellationRequested();
            if (!_mqtt.IsConnected)
            {
                return;
            }

            if (UntilNextStatus() <= TimeSpan.Zero)
            {
                await PublishStatusAsync(withAttributes: false, stoppingToken);
            }

            if (DrainOrder.FirstOrDefault(lane => _outbox.Count(lane) > 0, (OutboxLane)(-1)) is var lane && lane >= 0)
            {
                await SendBatchAsync(lane, stoppingToken);
                continue;
            }

            _state.MarkHealthy();
            if (!await WaitForRecordsAsync(stoppingToken))
            {
                return;
            }
        }
    }

    /// <summary>
    /// Sends the oldest records of one lane and deletes them once every message they map to has its PUBACK. A batch
    /// whose largest message exceeds the broker's Maximum Packet Size is halved until it fits. A single record that
    /// does not fit, or a batch the broker rejects for good, goes to the dead-letter collection.
    /// </summary>
    private async Task SendBatchAsync(OutboxLane lane, CancellationToken stoppingToken)
    {
        var records = LimitBytes(_outbox.PeekOldest(lane, _options.BatchSize));
        if (records.Count == 0)
        {
            // The disk budget dropped them between the count and the read.
            return;
        }

        var messages = _mapper.Map(records);
        while (_brokerMaxPacketBytes > 0 && messages.Max(message => message.Payload.Length) + PacketOverheadBytes > _brokerMaxPacketBytes)
        {
            if (records.Count == 1)
            {
                var needed = messages.Max(message => message.Payload.Length);
                await DeadLetterAsync(lane, records, $"the record needs {needed} bytes, more than the broker's maximum packet size of {_brokerMaxPacketBytes} bytes");
                return;
            }

            // NOTE: Map has already marked the devices of the cut records as announced. Configured devices were
            // announced after the connect anyway, but a device missing from campus.yaml then gets no connect message
            // on this connection, and ThingsBoard creates it from its telemetry with type "default".
            records = records.Take(records.Count / 2).ToList();
            messages = _mapper.Map(records);
        }

        var started = _timeProvider.GetTimestamp();
        var bytes = 0;
        foreach (var message in messages)
        {
            var result = await PublishAsync(message, stoppingToken);
            if (!result.IsSuccess)
            {
                if (result.ReasonCode is MqttClientPublishReasonCode.PayloadFormatInvalid or MqttClientPublishReasonCode.TopicNameInvalid)
                {
                    await DeadLetterAsync(lane, records, $"the broker rejected a message on {message.Topic} with {result.ReasonCode} ({result.ReasonString})");
                    return;
                }

                throw new UplinkPublishRejectedException(message.Topic, result.ReasonCode, result.ReasonString);
            }

            bytes += message.Payload.Length;
        }

        // Every message has its PUBACK, so the delete is not cancellable: the broker has the records. Only the wait
        // for its commit ends on stop, because the writer may keep a delete in its telemetry commit window. The
        // outbox commits what is still queued when it closes. Deleting by the records gives the writer their sizes
        // and types, so it neither reads each record again nor deletes a down-sampling summary that took a sent
        // record's sequence.
        UplinkMetrics.RecordBatch(lane, records.Count, bytes, _timeProvider.GetElapsedTime(started));
        _state.RecordBatchSent(records.Count);
        await _outbox.DeleteAsync(lane, records, CancellationToken.None).AsTask().WaitAsync(stoppingToken);

        var elapsed = _timeProvider.GetElapsedTime(started);
        var laneName = DistrictTopics.LaneName(lane);
        ThingsBoardLog.BatchSent(_logger, records.Count, laneName, records[0].Sequence, records[^1].Sequence, messages.Count, bytes, elapsed.TotalMilliseconds);
    }

    private async Task DeadLetterAsync(OutboxLane lane, List<OutboxRecord> records, string reason)
    {
        var sequences = records.Select(record => record.Sequence).ToList();
        await _outbox.DeadLetterAsync(lane, sequences, reason, CancellationToken.None);
        ThingsBoardLog.DeadLettered(_logger, sequences.Count, DistrictTopics.LaneName(lane), sequences[0], sequences[^1], reason);
    }

    /// <summary>Keeps the leading records whose payloads fit in <see cref="UplinkOptions.MaxBatchBytes"/>; the first record always goes.</summary>
    private List<OutboxRecord> LimitBytes(IReadOnlyList<OutboxRecord> records)
    {
        var batch = new List<OutboxRecord>(records.Count);
        var bytes = 0L;
        foreach (var record in records)
        {
            bytes += record.Payload.Length + DistrictPayloads.RecordEnvelopeBytes;
            if (batch.Count > 0 && bytes > _options.MaxBatchBytes)
            {
                break;
            }

            batch.Add(record);
        }

        return batch;
    }

    /// <summary>Waits for a new record or the next heartbeat (true), or a lost connection (false).</summary>
    private async Task<bool> WaitForRecordsAsync(CancellationToken stoppingToken)
    {
        using var waitCancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var records = _outbox.WaitForRecordsAsync(waitCancellation.Token);
        var disconnected = _mqtt.Disconnected;
        var untilStatus = UntilNextStatus();
        var heartbeat = Task.Delay(untilStatus > TimeSpan.Zero ? untilStatus : TimeSpan.Zero, _timeProvider, waitCancellation.Token);

        await Task.WhenAny(records, disconnected, heartbeat);
        await waitCancellation.CancelAsync();
        stoppingToken.ThrowIfCancellationRequested();
        return !disconnected.IsCompleted;
    }

    private TimeSpan UntilNextStatus() => _options.StatusInterval - _timeProvider.GetElapsedTime(_lastStatusAt);

    /// <summary>Publishes the heartbeat as the gateway device's telemetry, and after a connect its attributes too.</summary>
    private async Task PublishStatusAsync(bool withAttributes, CancellationToken stoppingToken)
    {
        var now = _timeProvider.GetUtcNow();
        var status = DistrictStatus.Connected(now, State.SessionPresent, _outbox) with
        {
            Uptime = _timeProvider.GetElapsedTime(_startedAt),
            Gateway = ReadGatewayStatus(),
            DiskBudgetBytes = _outbox.MaxDiskBytes,
        };

        _lastStatusAt = _timeProvider.GetTimestamp();
        if (withAttributes)
        {
            await PublishCheckedAsync(ThingsBoardPayloads.GatewayAttributes(_options.SchoolId, _options.GatewayId, status), stoppingToken);
        }

        await PublishCheckedAsync(ThingsBoardPayloads.GatewayTelemetry(status, now), stoppingToken);
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

    private Task OnMessageReceivedAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        var topic = args.ApplicationMessage.Topic;
        if (topic != ThingsBoardTopics.Rpc && !topic.StartsWith(ThingsBoardTopics.GatewayRpcRequestPrefix, StringComparison.Ordinal) && !IsAttributeTopic(topic))
        {
            return Task.CompletedTask;
        }

        // Handlers run on MQTTnet's receive path: queue the request and acknowledge it once it has been recorded.
        args.AutoAcknowledge = false;
        _rpcRequests.Writer.TryWrite(args);
        return Task.CompletedTask;
    }

    private async Task ProcessRpcRequestsAsync(CancellationToken stoppingToken)
    {
        await foreach (var args in _rpcRequests.Reader.ReadAllAsync(CancellationToken.None))
        {
            if (stoppingToken.IsCancellationRequested)
            {
                // Not acknowledged: the broker sends it again after the next connect.
                continue;
            }

            try
            {
                await ProcessRpcRequestAsync(args, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Stopping.
            }
            catch (Exception exception)
            {
                // The ledger or the reply failed: unacknowledged, the request comes again after a reconnect.
                ThingsBoardLog.RpcNotAnswered(_logger, args.ApplicationMessage.Topic, exception.Message, exception);
            }
        }
    }

    private bool IsAttributeTopic(string topic) =>
        _sharedAttributes is not null && topic is ThingsBoardTopics.Attributes or ThingsBoardTopics.AttributeResponse;

    /// <summary>Applies shared attributes, acknowledges the message and publishes the results as client attributes.</summary>
    private async Task ProcessAttributesAsync(MqttApplicationMessageReceivedEventArgs args, CancellationToken stoppingToken)
    {
        var topic = args.ApplicationMessage.Topic;
        ThingsBoardMessage? results = null;
        try
        {
            results = await _sharedAttributes!.HandleAsync(topic, args.ApplicationMessage.Payload.ToArray(), stoppingToken);
        }
        catch (System.Text.Json.JsonException exception)
        {
            ThingsBoardLog.RpcNotAnswered(_logger, topic, exception.Message, exception: null);
        }

        await args.AcknowledgeAsync(stoppingToken);
        if (results is not null)
        {
            await PublishCheckedAsync(results, stoppingToken);
        }
    }

    private async Task ProcessRpcRequestAsync(MqttApplicationMessageReceivedEventArgs args, CancellationToken stoppingToken)
    {
        var topic = args.ApplicationMessage.Topic;
        if (IsAttributeTopic(topic))
        {
            await ProcessAttributesAsync(args, stoppingToken);
            return;
        }

        ThingsBoardMessage? reply;
        var publishStatus = false;
        try
        {
            var request = ThingsBoardRpcRequest.Parse(topic, args.ApplicationMessage.Payload.ToArray());
            if (request is null)
            {
                // The gateway's own reply, echoed back by the broker.
                await args.AcknowledgeAsync(stoppingToken);
                return;
            }

            (reply, publishStatus) = await _rpc.ExecuteAsync(request, stoppingToken);
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or FormatException)
        {
            ThingsBoardLog.RpcNotAnswered(_logger, topic, exception.Message, exception: null);
            reply = ThingsBoardRpc.InvalidReply(topic, exception.Message);
        }

        await args.AcknowledgeAsync(stoppingToken);
        if (reply is not null)
        {
            await PublishCheckedAsync(reply, stoppingToken);
        }

        if (publishStatus)
        {
            await PublishStatusAsync(withAttributes: true, stoppingToken);
        }
    }

    private async Task PublishCheckedAsync(ThingsBoardMessage message, CancellationToken cancellationToken)
    {
        var result = await PublishAsync(message, cancellationToken);
        if (!result.IsSuccess)
        {
            throw new UplinkPublishRejectedException(message.Topic, result.ReasonCode, result.ReasonString);
        }
    }

    private async Task<MqttClientPublishResult> PublishAsync(ThingsBoardMessage message, CancellationToken stoppingToken)
    {
        var builder = new MqttApplicationMessageBuilder()
            .WithTopic(message.Topic)
            .WithPayload(message.Payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (_options.MqttVersion == MqttProtocolVersion.V500)
        {
            builder = builder.WithContentType("application/json").WithPayloadFormatIndicator(MqttPayloadFormatIndicator.CharacterData);
        }

        return await _mqtt.PublishAsync(builder.Build(), stoppingToken);
    }

    /// <summary>On stop: reports "offline" (reason shutdown) as gateway telemetry and disconnects cleanly.</summary>
    private async Task GoOfflineAsync()
    {
        if (_mqtt.IsConnected)
        {
            try
            {
                var offline = ThingsBoardPayloads.GatewayTelemetry(DistrictStatus.Shutdown(_timeProvider.GetUtcNow()), _timeProvider.GetUtcNow());
                await PublishCheckedAsync(offline, CancellationToken.None);
            }
            catch (Exception exception)
            {
                // Runs while the service stops: whatever fails here must not turn a clean stop into a crash.
                ThingsBoardLog.LinkFailed(_logger, _options.Host, _options.Port, "stopping", exception.Message, exception: null);
            }
        }

        await DisconnectAsync();
    }

    private async Task DisconnectAsync()
    {
        _state.SetDisconnected();

        // The connection is gone either way, so a failed DISCONNECT must not end the reconnect loop.
        if (await _mqtt.DisconnectAsync() is { } exception)
        {
            ThingsBoardLog.LinkFailed(_logger, _options.Host, _options.Port, "disconnecting", exception.Message, exception: null);
        }
    }

    /// <summary>Records a connection that dropped. It runs on MQTTnet's receive path, so it only records.</summary>
    private void OnConnectionLost(MqttClientDisconnectedEventArgs args)
    {
        var error = $"Disconnected ({args.Reason}): {args.Exception?.Message ?? "the connection was closed"}";
        _state.SetDisconnected();
        _state.RecordError(error);
        ThingsBoardLog.LinkFailed(_logger, _options.Host, _options.Port, "connected", error, exception: null);
    }

    /// <summary>
    /// Adds the access token as user name and no password, as ThingsBoard's access-token authentication expects. No
    /// will: ThingsBoard marks the gateway inactive itself when its connection drops.
    /// </summary>
    private MqttClientOptionsBuilder ConfigureClient(MqttClientOptionsBuilder builder) =>
        builder.WithCredentials(_accessToken, (byte[]?)null);

    private void OnInvalidPayload(OutboxRecord record, Exception exception) =>
        UplinkLog.InvalidPayload(_logger, record.Sequence, DistrictTopics.LaneName(record.Lane), record.Type, exception);

}
