using System.Globalization;
using System.Text.Json;
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

    /// <summary>The boolean point of each board that is true while its heartbeats arrive.</summary>
    public const string OnlinePoint = "online";

    private static readonly TimeSpan WarningInterval = TimeSpan.FromMinutes(1);

    private readonly CampusMqttOptions _mqtt;
    private readonly ClassBoardHubOptions _protocol;
    private readonly GatewayClock _clock;
    private readonly ILogger _logger;
    private readonly Dictionary<string, ClassBoardState> _boards = new(StringComparer.Ordinal);
    private readonly CampusMqttSession _session;
    private readonly LogRateLimiter _warnings;
    private readonly NoticeStore? _store;
    private readonly Lock _storeSync = new();
    private int _storeDirty;

    // NOTE: unbounded, because timer callbacks cannot wait. Heartbeats of configured boards fill it, so a board
    // that floods heartbeats grows it until the pipeline catches up.
    private readonly Channel<BoardRecord> _records = Channel.CreateUnbounded<BoardRecord>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private long _rejectedPayloads;
    private long _commandSequence;
    private int _started;

    public ClassBoardHub(
        CampusMqttOptions mqtt,
        IReadOnlyList<ClassBoardOptions> boards,
        GatewayClock clock,
        ILogger<ClassBoardHub> logger,
        string deviceId = DefaultDeviceId,
        ClassBoardHubOptions? protocol = null)
    {
        ArgumentNullException.ThrowIfNull(mqtt);
        ArgumentNullException.ThrowIfNull(boards);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentException.ThrowIfNullOrWhiteSpace(deviceId);
        ClassBoardHubOptionsValidator.ThrowIfInvalid(mqtt, boards);

        _mqtt = mqtt;
        _protocol = protocol ?? new ClassBoardHubOptions();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_protocol.NoticeResendDelay, TimeSpan.Zero, nameof(protocol));
        ArgumentOutOfRangeException.ThrowIfLessThan(_protocol.MaxNoticeResendDelay, _protocol.NoticeResendDelay, nameof(protocol));
        ArgumentOutOfRangeException.ThrowIfLessThan(_protocol.SwipeRepeatWindow, TimeSpan.Zero, nameof(protocol));
        ArgumentOutOfRangeException.ThrowIfLessThan(_protocol.MaxCurrentNotices, 1, nameof(protocol));
        _clock = clock;
        _logger = logger;
        DeviceId = deviceId;
        _warnings = new LogRateLimiter(clock.TimeProvider, WarningInterval);
        foreach (var board in boards)
        {
            _boards.Add(board.DeviceId, new ClassBoardState(board));
        }

        _store = _protocol.NoticeStorePath is { } storePath ? new NoticeStore(storePath) : null;
        LoadStoredNotices();

        _session = new CampusMqttSession(mqtt, clock.TimeProvider, logger, [CampusTopics.HeartbeatFilter, CampusTopics.AckFilter, CampusTopics.SwipeFilter], OnMessageAsync, RepublishEmergenciesAsync, OnSessionLoop);
    }

    public string DeviceId { get; }

    public bool IsConnected => _session.IsConnected;

    /// <summary>True while connected with the heartbeat subscription granted; part of the gateway's health.</summary>
    public bool SubscriptionsActive => _session.SubscriptionsActive;

    /// <summary>Topic of a message that ended connection after connection (a fault until restart), or null.</summary>
    public string? SessionLoopTopic => _session.SessionLoopTopic;

    /// <summary>Why the last connect to the campus broker failed, in the reader's UI language with the setting to check; null if none failed.</summary>
    public string? LastConnectError => _session.LastConnectError;

    public DateTimeOffset? LastConnectErrorAt => _session.LastConnectErrorAt;

    /// <summary>Reconnects that found the persistent session gone from the broker.</summary>
    public long SessionsLost => _session.SessionsLost;

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
            await _stopping.CancelAsync();
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
        foreach (var board in boards)
        {
            Track(board, notice);
        }

        SaveNotices();
        var payload = NoticePayloads.Notice(notice);
        var acknowledged = await PublishToBoardsAsync(boards, CampusTopics.Notice, payload, retain: false, cancellationToken);
        ClassBoardLog.NoticeSent(_logger, notice.Id, false, target, acknowledged, boards.Count);
        return acknowledged;
    }

    /// <summary>
    /// Whether <paramref name="boardId"/> acknowledged notice <paramref name="noticeId"/>; null when the notice is
    /// not current on that board (never sent, expired or dropped).
    /// </summary>
    public bool? IsNoticeAcknowledged(string boardId, string noticeId)
    {
        if (!_boards.TryGetValue(boardId, out var board))
        {
            return null;
        }

        lock (board.Sync)
        {
            return board.Notices.TryGetValue(noticeId, out var current) ? current.Acknowledged : null;
        }
    }

    /// <summary>Sets the display mode (for example <c>exam</c>); returns how many boards the broker acknowledged.</summary>
    public Task<int> SetModeAsync(string target, string mode, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mode);
        var id = NextCommandId();
        return SendCommandAsync(target, "mode", NoticePayloads.ModeCommand(id, mode), cancellationToken);
    }

    /// <summary>Replaces the boards' own power-on and power-off schedule.</summary>
    public Task<int> SetPowerScheduleAsync(string target, BoardPowerSchedule schedule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var id = NextCommandId();
        return SendCommandAsync(target, "powerSchedule", NoticePayloads.PowerScheduleCommand(id, schedule), cancellationToken);
    }

    /// <summary>Asks the boards to restart their application.</summary>
    public Task<int> RestartAsync(string target, CancellationToken cancellationToken)
    {
        var id = NextCommandId();
        return SendCommandAsync(target, "restart", NoticePayloads.RestartCommand(id), cancellationToken);
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

        SaveNotices();

        var payload = NoticePayloads.EmergencyCleared(noticeId);
        var acknowledged = await PublishToBoardsAsync(boards, CampusTopics.Emergency, payload, retain: true, cancellationToken);
        ClassBoardLog.NoticeSent(_logger, noticeId, true, target, acknowledged, boards.Count);
        return acknowledged;
    }

    public ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        StopTimeoutTimers();
        _records.Writer.TryComplete();
        _session.Dispose();
        _stopping.Dispose();
        return ValueTask.CompletedTask;
    }

    private string NextCommandId() =>
        "c-" + Interlocked.Increment(ref _commandSequence).ToString(CultureInfo.InvariantCulture) + "-" + _clock.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private async Task<int> SendCommandAsync(string target, string command, byte[] payload, CancellationToken cancellationToken)
    {
        var boards = ResolveTarget(target);
        var acknowledged = await PublishToBoardsAsync(boards, CampusTopics.Command, payload, retain: false, cancellationToken);
        ClassBoardLog.CommandSent(_logger, command, target, acknowledged, boards.Count);
        return acknowledged;
    }

    /// <summary>Makes <paramref name="notice"/> current on <paramref name="board"/> and arms its first re-send.</summary>
    private void Track(ClassBoardState board, ClassBoardNotice notice)
    {
        lock (board.Sync)
        {
            if (board.Notices.Remove(notice.Id, out var replaced))
            {
                replaced.ResendTimer?.Dispose();
            }

            while (board.Notices.Count >= _protocol.MaxCurrentNotices)
            {
                var oldest = board.Notices.Values.MinBy(n => n.SentAt)!;
                oldest.ResendTimer?.Dispose();
                board.Notices.Remove(oldest.Notice.Id);
                Volatile.Write(ref _storeDirty, 1);
                ClassBoardLog.NoticeDropped(_logger, oldest.Notice.Id, board.Options.DeviceId, _protocol.MaxCurrentNotices);
            }

            var current = new CurrentNotice(notice, _clock.TimeProvider.GetTimestamp()) { NextDelay = _protocol.NoticeResendDelay };
            board.Notices.Add(notice.Id, current);
            ArmResend(board, current);
        }
    }

    // Runs under board.Sync. Re-sends pause while the board is offline; the catch-up on its next heartbeat re-arms them.
    private void ArmResend(ClassBoardState board, CurrentNotice current)
    {
        current.ResendTimer?.Dispose();
        current.ResendTimer = board.Online == false
            ? null
            : _clock.TimeProvider.CreateTimer(_ => OnResendDue(board, current), null, current.NextDelay, Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// Stops the re-send timers of a board that went offline, so that the log never announces a re-send that will not
    /// happen. Runs under board.Sync; returns how many unacknowledged notices wait for the board's return.
    /// </summary>
    private static int PauseResendsLocked(ClassBoardState board)
    {
        var waiting = 0;
        foreach (var current in board.Notices.Values)
        {
            current.ResendTimer?.Dispose();
            current.ResendTimer = null;
            if (!current.Acknowledged)
            {
                waiting++;
            }
        }

        return waiting;
    }

    private void OnResendDue(ClassBoardState board, CurrentNotice current)
    {
        var boardId = board.Options.DeviceId;
        var expired = false;
        lock (board.Sync)
        {
            if (current.Acknowledged || !board.Notices.TryGetValue(current.Notice.Id, out var tracked) || !ReferenceEquals(tracked, current))
            {
                return;
            }

            if (IsExpired(current.Notice))
            {
                ExpireLocked(board, current);
                expired = true;
            }
            else if (board.Online == false)
            {
                // The timer fired while the board went offline. Its next heartbeat brings every current notice;
                // sending into the void now would only fill the broker's queue.
                current.ResendTimer?.Dispose();
                current.ResendTimer = null;
                return;
            }
            else
            {
                current.Attempts++;
                current.NextDelay = TimeSpan.FromTicks(Math.Min(current.NextDelay.Ticks * 2, _protocol.MaxNoticeResendDelay.Ticks));
                ArmResend(board, current);
            }
        }

        if (expired)
        {
            SaveNoticesIfChanged();
            return;
        }

        ClassBoardLog.NoticeResent(_logger, current.Notice.Id, boardId, current.Attempts, current.NextDelay.TotalSeconds);
        _ = ResendAsync(boardId, current.Notice);
    }

    private async Task ResendAsync(string boardId, ClassBoardNotice notice)
    {
        try
        {
            await PublishToBoardAsync(boardId, CampusTopics.Notice(boardId), NoticePayloads.Notice(notice), retain: false, _stopping.Token);
        }
        catch (OperationCanceledException)
        {
            // The hub is stopping.
        }
        catch (ObjectDisposedException)
        {
            // The hub was disposed while the re-send was on its way.
        }
    }

    private bool IsExpired(ClassBoardNotice notice) => notice.ExpiresAt is { } expiresAt && _clock.UtcNow >= expiresAt;

    // Runs under board.Sync.
    private void ExpireLocked(ClassBoardState board, CurrentNotice current)
    {
        current.ResendTimer?.Dispose();
        board.Notices.Remove(current.Notice.Id);
        Volatile.Write(ref _storeDirty, 1);
        if (current.Acknowledged)
        {
            return;
        }

        ClassBoardLog.NoticeExpiredUnacknowledged(_logger, current.Notice.Id, board.Options.DeviceId, current.Attempts);
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["noticeId"] = current.Notice.Id,
            ["attempts"] = current.Attempts.ToString(CultureInfo.InvariantCulture),
        };
        var deviceEvent = new DeviceEvent(board.Options.DeviceId, ClassBoardEventTypes.NoticeUnacknowledged, _clock.UtcNow, _clock.Stamp(), attributes);
        _records.Writer.TryWrite(new BoardRecord(null, deviceEvent));
    }

    /// <summary>Collects the notices still current on a board that just came online; runs under board.Sync.</summary>
    private List<ClassBoardNotice> TakeCatchUpLocked(ClassBoardState board)
    {
        var catchUp = new List<ClassBoardNotice>();
        foreach (var current in board.Notices.Values.ToList())
        {
            if (IsExpired(current.Notice))
            {
                ExpireLocked(board, current);
                continue;
            }

            // The board may have restarted and lost what it acknowledged before, so it acknowledges again.
            current.Acknowledged = false;
            current.NextDelay = _protocol.NoticeResendDelay;
            ArmResend(board, current);
            catchUp.Add(current.Notice);
        }

        return catchUp;
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

        SaveNotices();

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
        if (!CampusTopics.TryParseBoardTopic(message.Topic, out var boardId, out var leaf))
        {
            return Task.CompletedTask;
        }

        if (message.Retain)
        {
            // A stored heartbeat, swipe or ack describes the past, not something the board does now.
            ClassBoardLog.RetainedHeartbeatIgnored(_logger, message.Topic);
            return Task.CompletedTask;
        }

        if (leaf == "heartbeat")
        {
            return OnHeartbeatMessage(message, boardId);
        }

        if (!_boards.TryGetValue(boardId, out var known))
        {
            return Task.CompletedTask;
        }

        if (leaf == "ack")
        {
            if (BoardUplinkParser.TryParseAck(message.Payload, _mqtt.MaxPayloadBytes, out var ackId, out var ackRejection))
            {
                OnAck(known, ackId!);
            }
            else
            {
                Reject(message.Topic, ackRejection);
            }
        }
        else if (leaf == "swipe")
        {
            if (BoardUplinkParser.TryParseSwipe(message.Payload, _mqtt.MaxPayloadBytes, out var swipe, out var swipeRejection))
            {
                OnSwipe(known, swipe!);
            }
            else
            {
                Reject(message.Topic, swipeRejection);
            }
        }

        return Task.CompletedTask;
    }

    private void Reject(string topic, PayloadRejection rejection)
    {
        Interlocked.Increment(ref _rejectedPayloads);
        if (_warnings.TryAcquire(topic, out var suppressed))
        {
            ClassBoardLog.PayloadRejected(_logger, topic, rejection.Reason, rejection.ByteOffset, suppressed);
        }
    }

    private void OnAck(ClassBoardState board, string id)
    {
        lock (board.Sync)
        {
            if (board.Notices.TryGetValue(id, out var current))
            {
                current.Acknowledged = true;
                current.ResendTimer?.Dispose();
                current.ResendTimer = null;
            }
        }

        ClassBoardLog.Acknowledged(_logger, board.Options.DeviceId, id);
    }

    private void OnSwipe(ClassBoardState board, CardSwipe swipe)
    {
        var now = _clock.TimeProvider.GetTimestamp();
        lock (board.Sync)
        {
            if (board.LastSwipes.TryGetValue(swipe.Uid, out var last)
                && _clock.TimeProvider.GetElapsedTime(last, now) < SwipeWindow(board))
            {
                return;
            }

            board.LastSwipes[swipe.Uid] = now;
            PruneSwipes(board, now);
        }

        var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["uid"] = swipe.Uid,
            ["result"] = swipe.Result,
        };
        if (swipe.Timestamp is { } boardTime)
        {
            attributes["boardTime"] = boardTime.ToString("O", CultureInfo.InvariantCulture);
        }

        var deviceEvent = new DeviceEvent(board.Options.DeviceId, ClassBoardEventTypes.CardSwipe, _clock.UtcNow, _clock.Stamp(), attributes);
        _records.Writer.TryWrite(new BoardRecord(null, deviceEvent));
    }

    // Runs under board.Sync. Keeps the map to cards seen within the window, so it cannot grow without bound.
    private void PruneSwipes(ClassBoardState board, long now)
    {
        if (board.LastSwipes.Count < 64)
        {
            return;
        }

        foreach (var (uid, seen) in board.LastSwipes.ToList())
        {
            if (_clock.TimeProvider.GetElapsedTime(seen, now) >= SwipeWindow(board))
            {
                board.LastSwipes.Remove(uid);
            }
        }
    }

    private Task OnHeartbeatMessage(MqttApplicationMessage message, string boardId)
    {

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
            Reject(message.Topic, rejection);
            return Task.CompletedTask;
        }

        OnHeartbeat(board, heartbeat);
        return Task.CompletedTask;
    }

    private void OnHeartbeat(ClassBoardState board, Heartbeat heartbeat)
    {
        var boardId = board.Options.DeviceId;
        List<ClassBoardNotice>? catchUp = null;
        lock (board.Sync)
        {
            var wasOnline = board.Online == true;
            board.Online = true;
            board.TimeoutTimer?.Change(board.Options.HeartbeatTimeout, Timeout.InfiniteTimeSpan);

            EnqueueSample(boardId, OnlinePoint, PointValue.FromBoolean(true), Quality.Good, heartbeat.Timestamp);
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
                catchUp = TakeCatchUpLocked(board);
            }
        }

        SaveNoticesIfChanged();
        if (catchUp is { Count: > 0 })
        {
            ClassBoardLog.CatchUp(_logger, boardId, catchUp.Count);
            foreach (var notice in catchUp)
            {
                _ = ResendAsync(boardId, notice);
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
            EnqueueSample(boardId, OnlinePoint, PointValue.FromBoolean(false), Quality.Good, null);

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
            var waiting = PauseResendsLocked(board);
            if (waiting > 0)
            {
                ClassBoardLog.ResendsPaused(_logger, boardId, waiting);
            }
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
                foreach (var current in board.Notices.Values)
                {
                    current.ResendTimer?.Dispose();
                    current.ResendTimer = null;
                }
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

    private TimeSpan SwipeWindow(ClassBoardState board) => board.Options.SwipeRepeatWindow ?? _protocol.SwipeRepeatWindow;

    /// <summary>Puts back the notices and emergencies of the last run; a board that comes online gets them as catch-up.</summary>
    private void LoadStoredNotices()
    {
        if (_store is null)
        {
            return;
        }

        try
        {
            var now = _clock.TimeProvider.GetTimestamp();
            var restored = 0;
            foreach (var stored in _store.Load())
            {
                // A board removed from the site configuration loses its notices with it.
                if (!_boards.TryGetValue(stored.BoardId, out var board))
                {
                    continue;
                }

                board.ActiveEmergency = stored.Emergency;
                foreach (var notice in stored.Notices.Where(n => !IsExpired(n)).Take(_protocol.MaxCurrentNotices))
                {
                    board.Notices[notice.Id] = new CurrentNotice(notice, now) { NextDelay = _protocol.NoticeResendDelay };
                    restored++;
                }
            }

            ClassBoardLog.NoticesLoaded(_logger, restored, _store.Path);
        }
        catch (Exception exception) when (exception is JsonException or IOException or UnauthorizedAccessException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            // A damaged file must not keep the boards down; the next change rewrites it.
            ClassBoardLog.NoticeStoreLoadFailed(_logger, _store.Path, exception);
        }
    }

    private void SaveNoticesIfChanged()
    {
        if (Interlocked.Exchange(ref _storeDirty, 0) == 1)
        {
            SaveNotices();
        }
    }

    /// <summary>
    /// Writes every board's current notices. Callers never hold a board's lock, because the snapshot takes each
    /// board's lock inside <see cref="_storeSync"/>; the store lock makes a later snapshot win over an earlier one.
    /// </summary>
    private void SaveNotices()
    {
        if (_store is null)
        {
            return;
        }

        lock (_storeSync)
        {
            Volatile.Write(ref _storeDirty, 0);
            var snapshot = new List<StoredBoardNotices>();
            foreach (var board in _boards.Values)
            {
                lock (board.Sync)
                {
                    if (board.Notices.Count > 0 || board.ActiveEmergency is not null)
                    {
                        var notices = board.Notices.Values.OrderBy(n => n.SentAt).Select(n => n.Notice).ToList();
                        snapshot.Add(new StoredBoardNotices(board.Options.DeviceId, notices, board.ActiveEmergency));
                    }
                }
            }

            try
            {
                _store.Save(snapshot);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                ClassBoardLog.NoticeStoreSaveFailed(_logger, _store.Path, exception);
            }
        }
    }

    private void OnSessionLoop(string topic)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["reason"] = "session-loop",
            ["topic"] = topic,
        };
        var deviceEvent = new DeviceEvent(DeviceId, DeviceEventTypes.Fault, _clock.UtcNow, _clock.Stamp(), attributes);
        _records.Writer.TryWrite(new BoardRecord(null, deviceEvent));
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
