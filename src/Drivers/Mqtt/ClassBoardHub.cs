using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Abstractions;

namespace SmartCampus.Edge.Drivers.Mqtt;

/// <summary>
/// Every class board of the school, reached through the campus broker (embedded or external; the code is the
/// same). Publishes <c>{boardId}.online</c> from heartbeats and their timeout, plus <c>{boardId}.mode</c> and
/// <c>{boardId}.screenOn</c> when a heartbeat carries them, and sends notices and emergency notices to boards.
/// </summary>
public sealed class ClassBoardHub : IDeviceDriver
{
    public const string DefaultDeviceId = "class-boards";

    private static readonly TimeSpan WarningInterval = TimeSpan.FromMinutes(1);

    private readonly CampusMqttOptions _mqtt;
    private readonly GatewayClock _clock;
    private readonly ILogger _logger;
    private readonly Dictionary<string, ClassBoardState> _boards = new(StringComparer.Ordinal);
    private readonly CampusMqttSession _session;
    private readonly LogRateLimiter _warnings;

    // NOTE: unbounded, because timer callbacks cannot wait. Heartbeats of configured boards fill it, so a board
    // that floods heartbeats grows it until the pipeline catches up.
    private readonly Channel<BoardRecord> _records = Channel.CreateUnbounded<BoardRecord>(new UnboundedChannelOptions { SingleReader = true });
    private long _rejectedPayloads;
    private int _started;

    public ClassBoardHub(
        CampusMqttOptions mqtt,
        IReadOnlyList<ClassBoardOptions> boards,
        GatewayClock clock,
        ILogger<ClassBoardHub> logger,
        string deviceId = DefaultDeviceId)
    {
        ArgumentNullException.ThrowIfNull(mqtt);
        ArgumentNullException.ThrowIfNull(boards);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentException.ThrowIfNullOrWhiteSpace(deviceId);
        ClassBoardHubOptionsValidator.ThrowIfInvalid(mqtt, boards);

        _mqtt = mqtt;
        _clock = clock;
        _logger = logger;
        DeviceId = deviceId;
        _warnings = new LogRateLimiter(clock.TimeProvider, WarningInterval);
        foreach (var board in boards)
        {
            _boards.Add(board.DeviceId, new ClassBoardState(board));
        }

        _session = new CampusMqttSession(mqtt, clock.TimeProvider, logger, [CampusTopics.HeartbeatFilter], OnMessageAsync, RepublishEmergenciesAsync);
    }

    public string DeviceId { get; }

    public bool IsConnected => _session.IsConnected;

    /// <summary>True while connected with the heartbeat subscription granted; part of the gateway's health.</summary>
    public bool SubscriptionsActive => _session.SubscriptionsActive;

    /// <summary>Board payloads rejected since start (empty, oversize, invalid UTF-8 or JSON).</summary>
    public long RejectedPayloadCount => Interlocked.Read(ref _rejectedPayloads);

    public IReadOnlyCollection<string> BoardIds => _boards.Keys;

    /// <summary>Keeps the broker connection and forwards samples and events until cancelled.</summary>
    public async Task RunAsync(IFieldSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            throw new InvalidOperationException($"Class-board hub '{DeviceId}' is already running; RunAsync may be called once.");
        }

        ClassBoardLog.Started(_logger, DeviceId, _boards.Count, _mqtt.Host, _mqtt.Port);
        StartTimeoutTimers();
        var session = _session.RunAsync(cancellationToken);

        try
        {
            await ForwardRecordsAsync(sink, cancellationToken);
        }
        finally
        {
            StopTimeoutTimers();
            await session;
            ClassBoardLog.Stopped(_logger, DeviceId);
        }
    }

    public ValueTask<DriverWriteResult> WriteAsync(string point, PointValue value, CancellationToken cancellationToken) =>
        ValueTask.FromResult(DriverWriteResult.Failure(ClassBoardText.PointsReadOnly(DeviceId, point)));

    /// <summary>
    /// Sends a scrolling notice, or with <paramref name="emergency"/> a retained emergency notice that stays on the
    /// board until cleared. <paramref name="target"/> is a board id or "all". Returns how many boards the broker
    /// acknowledged; every failed board is logged.
    /// </summary>
    public Task<int> SendNoticeAsync(string target, string noticeId, string text, bool emergency, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(noticeId);
        ArgumentNullException.ThrowIfNull(text);

        return emergency
            ? SendEmergencyAsync(target, noticeId, text, cancellationToken)
            : SendNoticeAsync(target, new ClassBoardNotice(noticeId, text), cancellationToken);
    }

    /// <summary>Sends <paramref name="notice"/> to the <c>notice</c> topic of the target boards; returns how many the broker acknowledged.</summary>
    public async Task<int> SendNoticeAsync(string target, ClassBoardNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);

        var boards = ResolveTarget(target);
        var payload = NoticePayloads.Notice(notice);
        var acknowledged = await PublishToBoardsAsync(boards, CampusTopics.Notice, payload, retain: false, cancellationToken);
        ClassBoardLog.NoticeSent(_logger, notice.Id, false, target, acknowledged, boards.Count);
        return acknowledged;
    }

    /// <summary>
    /// Publishes <c>active=false</c> for <paramref name="noticeId"/>, retained, to the target boards. A board whose
    /// active emergency has another id is skipped, so that clearing an old notice cannot remove a newer one.
    /// Returns how many boards the broker acknowledged.
    /// </summary>
    public async Task<int> ClearEmergencyAsync(string target, string noticeId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(noticeId);

        var boards = new List<ClassBoardState>();
        foreach (var board in ResolveTarget(target))
        {
            lock (board.Sync)
            {
                if (board.ActiveEmergency is { } active && active.NoticeId != noticeId)
                {
                    ClassBoardLog.ClearSkipped(_logger, noticeId, board.Options.DeviceId, active.NoticeId);
                    continue;
                }

                board.ActiveEmergency = null;
            }

            boards.Add(board);
        }

        var payload = NoticePayloads.EmergencyCleared(noticeId);
        var acknowledged = await PublishToBoardsAsync(boards, CampusTopics.Emergency, payload, retain: true, cancellationToken);
        ClassBoardLog.NoticeSent(_logger, noticeId, true, target, acknowledged, boards.Count);
        return acknowledged;
    }

    public ValueTask DisposeAsync()
    {
        StopTimeoutTimers();
        _records.Writer.TryComplete();
        _session.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<int> SendEmergencyAsync(string target, string noticeId, string text, CancellationToken cancellationToken)
    {
        var boards = ResolveTarget(target);
        foreach (var board in boards)
        {
            lock (board.Sync)
            {
                board.ActiveEmergency = (noticeId, text);
            }
        }

        var payload = NoticePayloads.Emergency(noticeId, text);
        var acknowledged = await PublishToBoardsAsync(boards, CampusTopics.Emergency, payload, retain: true, cancellationToken);
        ClassBoardLog.NoticeSent(_logger, noticeId, true, target, acknowledged, boards.Count);
        return acknowledged;
    }

    private List<ClassBoardState> ResolveTarget(string target)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(target);

        if (string.Equals(target, CampusTopics.AllBoards, StringComparison.Ordinal))
        {
            return [.. _boards.Values];
        }

        if (_boards.TryGetValue(target, out var board))
        {
            return [board];
        }

        ClassBoardLog.UnknownTarget(_logger, target);
        return [];
    }

    private async Task<int> PublishToBoardsAsync(
        IReadOnlyList<ClassBoardState> boards,
        Func<string, string> topicOf,
        byte[] payload,
        bool retain,
        CancellationToken cancellationToken)
    {
        var results = await Task.WhenAll(boards.Select(b => PublishToBoardAsync(b.Options.DeviceId, topicOf(b.Options.DeviceId), payload, retain, cancellationToken)));
        return results.Count(acknowledged => acknowledged);
    }

    private async Task<bool> PublishToBoardAsync(string boardId, string topic, byte[] payload, bool retain, CancellationToken cancellationToken)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .WithContentType("application/json")
            .Build();

        try
        {
            var result = await _session.PublishAsync(message, cancellationToken);
            if (result.IsSuccess)
            {
                return true;
            }

            ClassBoardLog.PublishFailed(_logger, boardId, topic, $"the broker returned {result.ReasonCode} {result.ReasonString}".TrimEnd());
            return false;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (exception is MqttCommunicationException or OperationCanceledException or ObjectDisposedException)
        {
            var reason = exception is OperationCanceledException
                ? $"no acknowledgement within {_mqtt.PublishTimeout.TotalSeconds} s"
                : exception.Message;
            ClassBoardLog.PublishFailed(_logger, boardId, topic, reason);
            return false;
        }
    }

    private async Task RepublishEmergenciesAsync(CancellationToken cancellationToken)
    {
        var active = new List<(string BoardId, string NoticeId, string Text)>();
        foreach (var board in _boards.Values)
        {
            lock (board.Sync)
            {
                if (board.ActiveEmergency is { } emergency)
                {
                    active.Add((board.Options.DeviceId, emergency.NoticeId, emergency.Text));
                }
            }
        }

        if (active.Count == 0)
        {
            return;
        }

        var results = await Task.WhenAll(active.Select(a =>
            PublishToBoardAsync(a.BoardId, CampusTopics.Emergency(a.BoardId), NoticePayloads.Emergency(a.NoticeId, a.Text), retain: true, cancellationToken)));
        var acknowledged = results.Count(r => r);
        ClassBoardLog.EmergenciesRepublished(_logger, acknowledged);
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        var message = args.ApplicationMessage;
        if (!CampusTopics.TryParseHeartbeat(message.Topic, out var boardId))
        {
            return Task.CompletedTask;
        }

        if (message.Retain)
        {
            ClassBoardLog.RetainedHeartbeatIgnored(_logger, message.Topic);
            return Task.CompletedTask;
        }

        if (!_boards.TryGetValue(boardId, out var board))
        {
            if (_warnings.TryAcquire("unknown:" + boardId, out var suppressedUnknown))
            {
                ClassBoardLog.UnknownBoard(_logger, boardId, message.Topic, suppressedUnknown);
            }

            return Task.CompletedTask;
        }

        if (!HeartbeatParser.TryParse(message.Payload, _mqtt.MaxPayloadBytes, out var heartbeat, out var rejection))
        {
            Interlocked.Increment(ref _rejectedPayloads);
            if (_warnings.TryAcquire(message.Topic, out var suppressed))
            {
                ClassBoardLog.PayloadRejected(_logger, message.Topic, rejection.Reason, rejection.ByteOffset, suppressed);
            }

            return Task.CompletedTask;
        }

        OnHeartbeat(board, heartbeat);
        return Task.CompletedTask;
    }

    private void OnHeartbeat(ClassBoardState board, Heartbeat heartbeat)
    {
        var boardId = board.Options.DeviceId;
        lock (board.Sync)
        {
            var wasOnline = board.Online == true;
            board.Online = true;
            board.TimeoutTimer?.Change(board.Options.HeartbeatTimeout, Timeout.InfiniteTimeSpan);

            EnqueueSample(boardId, "online", PointValue.FromBoolean(true), Quality.Good, heartbeat.Timestamp);
            if (heartbeat.Mode is not null)
            {
                board.HasModeSample = true;
                EnqueueSample(boardId, "mode", PointValue.FromText(heartbeat.Mode), Quality.Good, heartbeat.Timestamp);
            }

            if (heartbeat.ScreenOn is { } screenOn)
            {
                board.HasScreenSample = true;
                EnqueueSample(boardId, "screenOn", PointValue.FromBoolean(screenOn), Quality.Good, heartbeat.Timestamp);
            }

            if (!wasOnline)
            {
                ClassBoardLog.BoardOnline(_logger, boardId);
                EnqueueEvent(board, DeviceEventTypes.Online);
            }
        }
    }

    private void OnHeartbeatTimeout(object? state)
    {
        var board = (ClassBoardState)state!;
        var boardId = board.Options.DeviceId;
        lock (board.Sync)
        {
            if (board.Online == false || board.TimeoutTimer is null)
            {
                return;
            }

            board.Online = false;
            EnqueueSample(boardId, "online", PointValue.FromBoolean(false), Quality.Good, null);

            // The last mode and screen state are no longer known; they must not look fresh.
            if (board.HasModeSample)
            {
                EnqueueSample(boardId, "mode", PointValue.None, Quality.Stale, null);
            }

            if (board.HasScreenSample)
            {
                EnqueueSample(boardId, "screenOn", PointValue.None, Quality.Stale, null);
            }

            ClassBoardLog.BoardOffline(_logger, boardId, board.Options.HeartbeatTimeout.TotalSeconds);
            EnqueueEvent(board, DeviceEventTypes.Offline);
        }
    }

    private void StartTimeoutTimers()
    {
        foreach (var board in _boards.Values)
        {
            lock (board.Sync)
            {
                board.TimeoutTimer = _clock.TimeProvider.CreateTimer(OnHeartbeatTimeout, board, board.Options.HeartbeatTimeout, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void StopTimeoutTimers()
    {
        foreach (var board in _boards.Values)
        {
            lock (board.Sync)
            {
                board.TimeoutTimer?.Dispose();
                board.TimeoutTimer = null;
            }
        }
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
                    ClassBoardLog.SinkFailed(_logger, DeviceId, exception);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping is normal.
        }
    }

    private void EnqueueSample(string boardId, string point, PointValue value, Quality quality, DateTimeOffset? sourceTime)
    {
        var sample = new Sample(new PointId(boardId, point), value, quality, _clock.UtcNow, _clock.Stamp(), sourceTime);
        _records.Writer.TryWrite(new BoardRecord(sample, null));
    }

    private void EnqueueEvent(ClassBoardState board, string type)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["heartbeatTimeoutSeconds"] = board.Options.HeartbeatTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture),
        };
        AddIfSet(attributes, "building", board.Options.Building);
        AddIfSet(attributes, "floor", board.Options.Floor);
        AddIfSet(attributes, "room", board.Options.Room);

        var deviceEvent = new DeviceEvent(board.Options.DeviceId, type, _clock.UtcNow, _clock.Stamp(), attributes);
        _records.Writer.TryWrite(new BoardRecord(null, deviceEvent));
    }

    private static void AddIfSet(Dictionary<string, string> attributes, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            attributes[key] = value;
        }
    }
}
