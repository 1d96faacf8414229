using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Abstractions;

namespace SmartCampus.Edge.Drivers.Mqtt.Gates;

/// <summary>
/// One access gate or door controller on the campus broker. Reports controller events and status as device
/// events and the points <c>{gateId}.online</c>, <c>{gateId}.mode</c> and <c>{gateId}.held</c>; sends commands,
/// waits for the controller's acknowledgement and writes an audit event for every command, refused ones included.
/// A fire rule can hold the gate normally open: while any holder holds it, every other command is refused, and
/// the normally-open command is sent again whenever the gateway or the controller reconnects.
/// </summary>
public sealed class AccessGateDriver : IDeviceDriver
{
    private static readonly TimeSpan WarningInterval = TimeSpan.FromMinutes(1);

    private readonly AccessGateOptions _gate;
    private readonly CampusMqttOptions _mqtt;
    private readonly GatewayClock _clock;
    private readonly ILogger _logger;
    private readonly CampusMqttSession _session;
    private readonly LogRateLimiter _warnings;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<GateAck>> _pending = new(StringComparer.Ordinal);
    private readonly Channel<BoardRecord> _records = Channel.CreateUnbounded<BoardRecord>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _sync = new();
    private readonly List<string> _holders = [];
    private GateCommand _modeBeforeHold = GateCommand.Controlled;
    private GateCommand _mode = GateCommand.Controlled;
    private bool? _controllerOnline;
    private long _sequence;
    private long _rejectedPayloads;
    private int _started;

    public AccessGateDriver(AccessGateOptions gate, CampusMqttOptions mqtt, GatewayClock clock, ILogger<AccessGateDriver> logger)
    {
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentNullException.ThrowIfNull(mqtt);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(logger);
        if (!CampusTopics.IsValidBoardId(gate.DeviceId))
        {
            throw new ArgumentException($"Gate id '{gate.DeviceId}' is invalid: expected 1 to 64 ASCII letters, digits, '-' or '_'.", nameof(gate));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(gate.CommandTimeout, TimeSpan.Zero, nameof(gate));

        _gate = gate;
        _clock = clock;
        _logger = logger;
        _warnings = new LogRateLimiter(clock.TimeProvider, WarningInterval);

        // One connection per gate; the client id gets the gate id so that gates do not take over each other's session.
        _mqtt = new CampusMqttOptions
        {
            Host = mqtt.Host,
            Port = mqtt.Port,
            Username = mqtt.Username,
            Password = mqtt.Password,
            ClientId = $"{mqtt.ClientId}-{gate.DeviceId}",
            PublishTimeout = mqtt.PublishTimeout,
            ConnectTimeout = mqtt.ConnectTimeout,
            KeepAlive = mqtt.KeepAlive,
            ReconnectDelay = mqtt.ReconnectDelay,
            MaxReconnectDelay = mqtt.MaxReconnectDelay,
            MaxPayloadBytes = mqtt.MaxPayloadBytes,
            PersistentSession = mqtt.PersistentSession,
            SessionExpiry = mqtt.SessionExpiry,
            ShortSession = mqtt.ShortSession,
            SessionLoopThreshold = mqtt.SessionLoopThreshold,
        };
        _session = new CampusMqttSession(_mqtt, clock.TimeProvider, logger, [GateTopics.UplinkFilter(gate.DeviceId)], OnMessageAsync, OnConnectedAsync, OnSessionLoop);
    }

    public string DeviceId => _gate.DeviceId;

    public bool SubscriptionsActive => _session.SubscriptionsActive;

    /// <summary>Why the last connect to the campus broker failed, in the reader's UI language with the setting to check; null if none failed.</summary>
    public string? LastConnectError => _session.LastConnectError;

    public DateTimeOffset? LastConnectErrorAt => _session.LastConnectErrorAt;

    public long RejectedPayloadCount => Interlocked.Read(ref _rejectedPayloads);

    /// <summary>Topic of a message that ended connection after connection (a fault until restart), or null.</summary>
    public string? SessionLoopTopic => _session.SessionLoopTopic;

    public bool IsHeld
    {
        get
        {
            lock (_sync)
            {
                return _holders.Count > 0;
            }
        }
    }

    public async Task RunAsync(IFieldSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            throw new InvalidOperationException($"Access gate '{DeviceId}' is already running; RunAsync may be called once.");
        }

        GateLog.Started(_logger, DeviceId, _mqtt.Host, _mqtt.Port);
        var session = _session.RunAsync(cancellationToken);
        try
        {
            await ForwardRecordsAsync(sink, cancellationToken);
        }
        finally
        {
            await _stopping.CancelAsync();
            await session;
            GateLog.Stopped(_logger, DeviceId);
        }
    }

    /// <summary>Writing the text of a command (openOnce, normallyOpen, locked, controlled) to <c>mode</c> sends it, with source "write".</summary>
    public async ValueTask<DriverWriteResult> WriteAsync(string point, PointValue value, CancellationToken cancellationToken)
    {
        if (point != "mode" || !GatePayloads.TryParseCommand(value.Text, out var command))
        {
            return DriverWriteResult.Failure(GateText.UnknownPoint(DeviceId, point));
        }

        var result = await SendCommandAsync(command, "write", cancellationToken);
        return result.Succeeded ? DriverWriteResult.Success : DriverWriteResult.Failure(result.Reason!);
    }

    /// <summary>
    /// Sends <paramref name="command"/> and waits for the controller's acknowledgement up to the gate's command
    /// timeout. <paramref name="source"/> (a user, a rule, "district") goes into the audit record. Refused while
    /// the gate is held open.
    /// </summary>
    public Task<GateCommandResult> SendCommandAsync(GateCommand command, string source, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        var id = NextCommandId();
        string? holder;
        lock (_sync)
        {
            holder = _holders.Count > 0 ? _holders[0] : null;
        }

        if (holder is not null)
        {
            GateLog.CommandRefusedWhileHeld(_logger, DeviceId, holder, GatePayloads.WireName(command), source);
            var refused = new GateCommandResult(id, command, GateCommandOutcome.Rejected, GateText.HeldOpen(DeviceId, holder, GatePayloads.WireName(command)));
            Audit(refused, source);
            return Task.FromResult(refused);
        }

        return SendThenReassertHoldAsync(id, command, source, cancellationToken);
    }

    /// <summary>
    /// Holds the gate normally open for <paramref name="holderId"/> (for example the fire rule) until the same
    /// holder releases it. The normally-open command goes out at once, in the background, with its audit record.
    /// </summary>
    public void HoldOpen(string holderId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(holderId);
        bool first;
        lock (_sync)
        {
            if (_holders.Contains(holderId))
            {
                return;
            }

            first = _holders.Count == 0;
            if (first)
            {
                _modeBeforeHold = _mode;
            }

            _holders.Add(holderId);
            GateLog.Held(_logger, DeviceId, holderId, _holders.Count);
        }

        if (first)
        {
            EnqueueSample("held", PointValue.FromBoolean(true));
            _ = SendInBackgroundAsync(GateCommand.NormallyOpen, "hold:" + holderId);
        }
    }

    /// <summary>Ends <paramref name="holderId"/>'s hold; when no holder remains, the gate goes back to the mode it had before the first hold.</summary>
    public void Release(string holderId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(holderId);
        GateCommand restore;
        lock (_sync)
        {
            if (!_holders.Remove(holderId))
            {
                return;
            }

            GateLog.Released(_logger, DeviceId, holderId, _holders.Count);
            if (_holders.Count > 0)
            {
                return;
            }

            restore = _modeBeforeHold;
        }

        EnqueueSample("held", PointValue.FromBoolean(false));
        _ = SendInBackgroundAsync(restore, "release:" + holderId);
    }

    public ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        _records.Writer.TryComplete();
        _session.Dispose();
        _stopping.Dispose();
        return ValueTask.CompletedTask;
    }

    private string NextCommandId() =>
        $"{DeviceId}-{_clock.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}-{Interlocked.Increment(ref _sequence).ToString(CultureInfo.InvariantCulture)}";

    private async Task SendInBackgroundAsync(GateCommand command, string source)
    {
        try
        {
            string? holder = null;
            lock (_sync)
            {
                if (command != GateCommand.NormallyOpen && _holders.Count > 0)
                {
                    holder = _holders[0];
                }
            }

            // A new hold that arrived while this restore was queued wins; the restore is dropped.
            if (holder is not null)
            {
                return;
            }

            await SendAndAuditAsync(NextCommandId(), command, source, _stopping.Token);

            // A hold that arrived while the restore was on its way must not end up behind it at the controller.
            lock (_sync)
            {
                holder = command != GateCommand.NormallyOpen && _holders.Count > 0 ? _holders[0] : null;
            }

            if (holder is not null)
            {
                await SendAndAuditAsync(NextCommandId(), GateCommand.NormallyOpen, "hold:" + holder, _stopping.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // The driver is stopping; the hold is re-asserted on the next connect.
        }
        catch (ObjectDisposedException)
        {
            // Disposed while the command was on its way.
        }
    }

    /// <summary>
    /// Sends a command that passed the hold check. A hold that started while the command was on its way could end
    /// up behind it at the controller, so normally-open goes out again afterwards in that case.
    /// </summary>
    private async Task<GateCommandResult> SendThenReassertHoldAsync(string id, GateCommand command, string source, CancellationToken cancellationToken)
    {
        var result = await SendAndAuditAsync(id, command, source, cancellationToken);
        string? holder;
        lock (_sync)
        {
            holder = command != GateCommand.NormallyOpen && _holders.Count > 0 ? _holders[0] : null;
        }

        if (holder is not null)
        {
            await SendAndAuditAsync(NextCommandId(), GateCommand.NormallyOpen, "hold:" + holder, cancellationToken);
        }

        return result;
    }

    private async Task<GateCommandResult> SendAndAuditAsync(string id, GateCommand command, string source, CancellationToken cancellationToken)
    {
        var result = await SendAsync(id, command, cancellationToken);
        if (result.Succeeded && command != GateCommand.OpenOnce)
        {
            lock (_sync)
            {
                _mode = command;
            }

            EnqueueSample("mode", PointValue.FromText(GatePayloads.WireName(command)));
        }

        Audit(result, source);
        return result;
    }

    private async Task<GateCommandResult> SendAsync(string id, GateCommand command, CancellationToken cancellationToken)
    {
        var answer = new TaskCompletionSource<GateAck>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        try
        {
            var message = new MqttApplicationMessageBuilder()
                .WithTopic(GateTopics.Command(DeviceId))
                .WithPayload(GatePayloads.Command(id, command))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithContentType("application/json")
                .Build();

            try
            {
                var published = await _session.PublishAsync(message, cancellationToken);
                if (!published.IsSuccess)
                {
                    return new GateCommandResult(id, command, GateCommandOutcome.NotDelivered, GateText.NotDelivered(DeviceId, $"{published.ReasonCode} {published.ReasonString}".TrimEnd()));
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception exception) when (exception is MqttCommunicationException or MqttClientNotConnectedException or OperationCanceledException)
            {
                return new GateCommandResult(id, command, GateCommandOutcome.NotDelivered, GateText.NotDelivered(DeviceId, exception.Message));
            }

            try
            {
                var ack = await answer.Task.WaitAsync(_gate.CommandTimeout, _clock.TimeProvider, cancellationToken);
                return ack.Ok
                    ? new GateCommandResult(id, command, GateCommandOutcome.Acknowledged, null)
                    : new GateCommandResult(id, command, GateCommandOutcome.Failed, GateText.ControllerFailed(DeviceId, ack.Reason ?? "-"));
            }
            catch (TimeoutException)
            {
                return new GateCommandResult(id, command, GateCommandOutcome.TimedOut, GateText.NoAcknowledgement(DeviceId, _gate.CommandTimeout.TotalSeconds));
            }
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    private void Audit(GateCommandResult result, string source)
    {
        var command = GatePayloads.WireName(result.Command);
        GateLog.CommandDone(_logger, DeviceId, result.CommandId, command, source, result.Outcome, result.Reason ?? string.Empty);
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["commandId"] = result.CommandId,
            ["command"] = command,
            ["source"] = source,
            ["outcome"] = result.Outcome.ToString(),
        };
        if (result.Reason is not null)
        {
            attributes["reason"] = result.Reason;
        }

        EnqueueEvent(GateEventTypes.Command, attributes);
    }

    private async Task OnConnectedAsync(CancellationToken cancellationToken)
    {
        string? holder;
        lock (_sync)
        {
            holder = _holders.Count > 0 ? _holders[0] : null;
        }

        // The controller may have been re-locked by someone at its own panel while the gateway was away.
        if (holder is not null)
        {
            await SendAndAuditAsync(NextCommandId(), GateCommand.NormallyOpen, "hold:" + holder, cancellationToken);
        }
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        var message = args.ApplicationMessage;
        var topic = message.Topic;
        if (topic == GateTopics.Ack(DeviceId))
        {
            if (GatePayloads.TryParseAck(message.Payload, _mqtt.MaxPayloadBytes, out var ack, out var rejection))
            {
                if (!_pending.TryGetValue(ack!.Id, out var waiting) || !waiting.TrySetResult(ack))
                {
                    GateLog.UnmatchedAck(_logger, DeviceId, ack.Id);
                }
            }
            else
            {
                Reject(topic, rejection);
            }
        }
        else if (topic == GateTopics.Event(DeviceId))
        {
            if (message.Retain)
            {
                // A stored event is history, not something happening now.
                return Task.CompletedTask;
            }

            if (GatePayloads.TryParseEvent(message.Payload, _mqtt.MaxPayloadBytes, out var gateEvent, out var rejection))
            {
                OnControllerEvent(gateEvent!);
            }
            else
            {
                Reject(topic, rejection);
            }
        }
        else if (topic == GateTopics.Status(DeviceId))
        {
            if (GatePayloads.TryParseStatus(message.Payload, _mqtt.MaxPayloadBytes, out var online, out var rejection))
            {
                OnStatus(online!.Value, message.Retain);
            }
            else
            {
                Reject(topic, rejection);
            }
        }

        return Task.CompletedTask;
    }

    private void OnControllerEvent(GateUplinkEvent gateEvent)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        AddIfSet(attributes, "uid", gateEvent.Uid);
        AddIfSet(attributes, "reason", gateEvent.Reason);
        AddIfSet(attributes, "door", gateEvent.Door?.ToString(CultureInfo.InvariantCulture));
        AddIfSet(attributes, "controllerTime", gateEvent.Timestamp?.ToString("O", CultureInfo.InvariantCulture));
        AddIfSet(attributes, "location", _gate.Location);
        EnqueueEvent(gateEvent.Type, attributes);
    }

    /// <summary>A retained status is the state found on connect: it sets the point but raises no event.</summary>
    private void OnStatus(bool online, bool retained)
    {
        bool? was;
        bool reassertHold;
        lock (_sync)
        {
            was = _controllerOnline;
            _controllerOnline = online;
            // Unknown counts as offline: after a gateway restart the hold command may have gone out before the
            // controller connected, so the first online status sends it again.
            reassertHold = online && was != true && _holders.Count > 0;
        }

        if (was == online)
        {
            return;
        }

        EnqueueSample("online", PointValue.FromBoolean(online));
        if (!online)
        {
            GateLog.ControllerOffline(_logger, DeviceId);
            if (!retained)
            {
                EnqueueEvent(GateEventTypes.ControllerOffline, new Dictionary<string, string>(StringComparer.Ordinal));
            }

            return;
        }

        GateLog.ControllerOnline(_logger, DeviceId);
        if (!retained && was == false)
        {
            EnqueueEvent(DeviceEventTypes.Online, new Dictionary<string, string>(StringComparer.Ordinal));
        }

        if (reassertHold)
        {
            string holder;
            lock (_sync)
            {
                holder = _holders.Count > 0 ? _holders[0] : "-";
            }

            _ = SendInBackgroundAsync(GateCommand.NormallyOpen, "hold:" + holder);
        }
    }

    private void Reject(string topic, PayloadRejection rejection)
    {
        Interlocked.Increment(ref _rejectedPayloads);
        if (_warnings.TryAcquire(topic, out var suppressed))
        {
            GateLog.PayloadRejected(_logger, topic, rejection.Reason, rejection.ByteOffset, suppressed);
        }
    }

    private void EnqueueSample(string point, PointValue value)
    {
        var sample = new Sample(new PointId(DeviceId, point), value, Quality.Good, _clock.UtcNow, _clock.Stamp(), null);
        _records.Writer.TryWrite(new BoardRecord(sample, null));
    }

    private void OnSessionLoop(string topic) =>
        EnqueueEvent(DeviceEventTypes.Fault, new Dictionary<string, string>(StringComparer.Ordinal) { ["reason"] = "session-loop", ["topic"] = topic });

    private void EnqueueEvent(string type, Dictionary<string, string> attributes)
    {
        AddIfSet(attributes, "building", _gate.Building);
        var deviceEvent = new DeviceEvent(DeviceId, type, _clock.UtcNow, _clock.Stamp(), attributes);
        _records.Writer.TryWrite(new BoardRecord(null, deviceEvent));
    }

    private async Task ForwardRecordsAsync(IFieldSink sink, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var record in _records.Reader.ReadAllAsync(cancellationToken))
            {
                try
                {
                    if (record.Sample is not null)
                    {
                        await sink.PublishSampleAsync(record.Sample, cancellationToken);
                    }

                    if (record.Event is not null)
                    {
                        await sink.PublishEventAsync(record.Event, cancellationToken);
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    GateLog.SinkFailed(_logger, DeviceId, exception);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping is normal.
        }
    }

    private static void AddIfSet(Dictionary<string, string> attributes, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            attributes.TryAdd(key, value);
        }
    }
}
