using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.Hosting;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Engine;
using SmartCampus.Edge.Rules.Outputs;
using SmartCampus.Edge.Rules.State;
using SmartCampus.Edge.Sync.Outbox;

namespace SmartCampus.Edge.Gateway.Pipeline;

/// <summary>
/// The single reader of the field channel: updates the point table, feeds the rule engine, hands its commands
/// to the <see cref="ActionRouter"/> and appends every event and alarm to the outbox as it comes, and the samples of
/// one pass as one telemetry record per device (<see cref="TelemetryBatch"/>). A pass that has only samples waits up
/// to <see cref="TelemetryBatchWindow"/> for the rest of a device poll. Outbox appends of one pass are awaited
/// together, so the outbox commits them as one group. It also applies
/// <see cref="RuleRequest"/>s (acknowledge, shelve) between samples, so the engine has one caller. A record the outbox
/// did not store because its database failed goes to <see cref="UnstoredRecords"/> and is appended again once the
/// database is open, while rules keep running. When it stops, or
/// fails, it drives every output a rule still holds to its safe value; it stops in the host's stopping phase, before
/// any driver stops, so those writes reach the devices.
/// </summary>
internal sealed partial class PipelineService(
    FieldChannel channel,
    PointTable points,
    DeviceStatusTable devices,
    RuleEngine rules,
    IRuleStateStore ruleState,
    ActionRouter actions,
    OutboxStore outbox,
    UnstoredRecords unstored,
    OperatorLanguage language,
    GatewayClock clock,
    AlarmHistory alarmHistory,
    PipelineHeartbeat heartbeat,
    ILogger<PipelineService> logger) : BackgroundService, IHostedLifecycleService
{
    /// <summary>Longest wait for the held outputs to reach their safe values when the pipeline stops.</summary>
    private static readonly TimeSpan SafeStateTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Interval of rule ticks, so that a duration completes without a new sample.</summary>
    private static readonly TimeSpan TickInterval = TimeSpan.FromSeconds(1);

    /// <summary>Interval of the summary log line, which shows a technician that samples are flowing.</summary>
    private static readonly TimeSpan SummaryInterval = TimeSpan.FromSeconds(10);

    /// <summary>Points listed by value in the summary line; the rest are only counted.</summary>
    private const int SummaryPointCount = 6;

    /// <summary>
    /// Maximum time between two saves of the rule state while nothing changes, so that a pending duration resumes
    /// close to where it was after a restart.
    /// </summary>
    private static readonly TimeSpan RuleStateSaveInterval = TimeSpan.FromSeconds(30);

    /// <summary>Records appended before the pass waits for them to be durable.</summary>
    private const int MaxAppendsPerPass = 512;

    /// <summary>Samples held for telemetry records before the pass appends them; about a second of a large school.</summary>
    private const int MaxSamplesPerPass = 2048;

    /// <summary>
    /// Maximum wait of a pass for more samples, so that the samples of one device poll, which a driver publishes one
    /// by one, share one telemetry record. The window delays telemetry by at most this much. A pass does not wait at
    /// all once it has handled a device event, rule request, engine request or tick, or a sample with rule outputs
    /// (such as a raised alarm).
    /// </summary>
    public static readonly TimeSpan TelemetryBatchWindow = TimeSpan.FromMilliseconds(5);

    private readonly CancellationTokenSource _stopping = new();
    private readonly TelemetryBatch _telemetry = new();
    private long _samples;
    private bool _ruleStateChanged;
    private long _lastRuleStateSave;

    /// <summary>Samples processed since start.</summary>
    public long SampleCount => Interlocked.Read(ref _samples);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, _stopping.Token);
        try
        {
            await RunAsync(stopping.Token);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // A stop during start-up (the outbox recovery record, the rule-state restore) is a normal stop.
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogPipelineFailed(logger, exception);
            throw;
        }
        finally
        {
            CancelWaitingRequests();
            await DriveSafeStatesAsync();
        }
    }

    /// <summary>Stops the pipeline before any hosted service stops, so the drivers still run for the safe-state writes.</summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (ExecuteTask is { } running)
        {
            try
            {
                await running.WaitAsync(cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // ExecuteAsync logged the fault, and the host gets it from ExecuteTask.
            }
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Dispose()
    {
        _stopping.Dispose();
        base.Dispose();
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        await ReportOutboxRecoveryAsync(stoppingToken);
        var pending = new List<Task<long>>(MaxAppendsPerPass);
        var answered = new List<(RuleRequest Request, RuleCommandResult Result)>();
        await RestoreRuleStateAsync(pending, stoppingToken);
        var ticker = TickAsync(stoppingToken);
        var reader = channel.Reader;
        using var window = new TelemetryWindow(reader);
        using var pipelineMetrics = PipelineMetrics.Track(devices, points, heartbeat);
        using var rulesMetrics = RulesMetrics.Track(rules);
        heartbeat.Beat();

        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                var passStart = clock.TimeProvider.GetTimestamp();
                var urgent = false;
                unstored.AppendHeld(outbox, pending);
                while (true)
                {
                    while (pending.Count < MaxAppendsPerPass && _telemetry.Count < MaxSamplesPerPass && reader.TryRead(out var message))
                    {
                        // The engine has already changed its state for this message, and that state is saved at stop.
                        // The records of the change are therefore always queued, because otherwise an alarm that the
                        // saved state lists as raised would never reach the district. Only the wait below ends at stop,
                        // and the outbox commits its queue before it closes.
                        urgent |= Process(message, pending, answered);
                    }

                    if (urgent || _telemetry.Count == 0 || pending.Count >= MaxAppendsPerPass || _telemetry.Count >= MaxSamplesPerPass
                        || !await window.WaitAsync(TelemetryBatchWindow - clock.TimeProvider.GetElapsedTime(passStart)))
                    {
                        break;
                    }
                }

                _telemetry.AppendTo(outbox, unstored, pending);
                await AwaitAppendsAsync(pending, stoppingToken);

                // The engine applied the requests, and their records are stored or held for the outbox's reopen.
                CompleteRequests(answered);
                await SaveRuleStateIfDueAsync(stoppingToken);
                heartbeat.Beat();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            // Requests applied in a pass whose appends failed with an error other than the outbox's, or were cancelled,
            // get no result.
            foreach (var (request, _) in answered)
            {
                request.Cancel();
            }
        }

        await ticker;
        await AppendHeldAtStopAsync();
        if (!unstored.Holds(OutboxLane.Alarms))
        {
            await ruleState.SaveAsync(rules.TakeSnapshot(), CancellationToken.None);
        }
    }

    /// <summary>
    /// Waits for the appends of a pass. Records the outbox did not store because its database failed are held for
    /// its reopen. Any other failure, or the cancellation at stop, ends the pipeline as before.
    /// </summary>
    private async Task AwaitAppendsAsync(List<Task<long>> pending, CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(pending).WaitAsync(cancellationToken);
        }
        catch (Exception) when (pending.TrueForAll(append => append.IsCompleted))
        {
            // Every append finished: HoldFailed sorts the failures below.
        }

        unstored.HoldFailed(pending);
        pending.Clear();
    }

    /// <summary>
    /// Appends the records still held when the pipeline stops, if the outbox is open, because memory does not outlive
    /// the process. The rule state is not saved while alarm records are still held, so that a restart raises those
    /// alarms again instead of restoring them as already reported.
    /// </summary>
    private async Task AppendHeldAtStopAsync()
    {
        var pending = new List<Task<long>>();
        unstored.AppendHeld(outbox, pending);
        using var timeout = new CancellationTokenSource(SafeStateTimeout);
        try
        {
            await AwaitAppendsAsync(pending, timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            // The outbox commits what is queued before it closes.
        }

        var held = unstored.Count;
        if (held > 0)
        {
            LogHeldRecordsLost(logger, held, unstored.Holds(OutboxLane.Alarms));
        }
    }

    private static void CompleteRequests(List<(RuleRequest Request, RuleCommandResult Result)> answered)
    {
        foreach (var (request, result) in answered)
        {
            request.Complete(result);
        }

        answered.Clear();
    }

    /// <summary>A request still queued when the pipeline stops is cancelled, so its sender does not wait forever.</summary>
    private void CancelWaitingRequests()
    {
        channel.StopRuleRequests();
        while (channel.Reader.TryRead(out var message))
        {
            if (message is RuleRequest request)
            {
                request.Cancel();
            }
        }
    }

    /// <summary>
    /// Drives every output a rule holds to its safe value (the held value for a life-safety rule, unless the rule says
    /// otherwise). A GPIO driver later drives its lines to their own configured safe state when it stops.
    /// </summary>
    private async Task DriveSafeStatesAsync()
    {
        var holds = rules.HeldOutputs;
        if (holds.Count == 0)
        {
            return;
        }

        LogDrivingSafeStates(logger, holds.Count);
        using var timeout = new CancellationTokenSource(SafeStateTimeout);
        try
        {
            await actions.DriveSafeStatesAsync(holds, timeout.Token);
        }
        catch (OperationCanceledException)
        {
            LogSafeStatesTimedOut(logger, SafeStateTimeout.TotalSeconds);
        }
    }

    /// <summary>
    /// Restores active alarms, latches and pending durations saved before the last stop. The engine re-sends the
    /// outputs and emergency notices it holds, but raises no alarm a second time.
    /// </summary>
    private async Task RestoreRuleStateAsync(List<Task<long>> pending, CancellationToken cancellationToken)
    {
        var snapshot = await ruleState.LoadAsync(cancellationToken);
        if (snapshot is not null)
        {
            var outputs = rules.Restore(snapshot);
            LogRuleStateRestored(logger, snapshot.Instances.Count, rules.ActiveAlarms.Count, outputs.Count);
            Handle(outputs, pending);
            await AwaitAppendsAsync(pending, cancellationToken);
        }

        _lastRuleStateSave = clock.TimeProvider.GetTimestamp();
    }

    /// <summary>
    /// Saves the rule state after a change, or after <see cref="RuleStateSaveInterval"/>, but not while alarm records
    /// are held in memory: a saved state must not list an alarm whose record a crash would lose.
    /// </summary>
    private async Task SaveRuleStateIfDueAsync(CancellationToken cancellationToken)
    {
        if (unstored.Holds(OutboxLane.Alarms))
        {
            return;
        }

        if (_ruleStateChanged || clock.TimeProvider.GetElapsedTime(_lastRuleStateSave) >= RuleStateSaveInterval)
        {
            await ruleState.SaveAsync(rules.TakeSnapshot(), cancellationToken);
            _ruleStateChanged = false;
            _lastRuleStateSave = clock.TimeProvider.GetTimestamp();
        }
    }

    /// <summary>Handles one message; true when it must not wait for the telemetry batch window (anything but a plain sample).</summary>
    private bool Process(object message, List<Task<long>> pending, List<(RuleRequest, RuleCommandResult)> answered)
    {
        switch (message)
        {
            case Sample sample:
                Interlocked.Increment(ref _samples);
                PipelineMetrics.RecordSample(sample);
                RulesMetrics.RecordEvaluation("sample");
                points.Update(sample);
                _telemetry.Add(sample);
                var outputs = rules.Evaluate(sample);
                Handle(outputs, pending);
                return outputs.Count > 0;

            case DeviceEvent deviceEvent:
                LogDeviceEvent(logger, deviceEvent.DeviceId, deviceEvent.Type);
                devices.Apply(deviceEvent);
                PipelineMetrics.RecordDeviceEvent(deviceEvent);
                RulesMetrics.RecordEvaluation("event");
                Add(pending, unstored.AppendOrHold(outbox, OutboxLane.Events, RecordJson.EventType, RecordJson.Serialize(deviceEvent), null));
                Handle(rules.EvaluateEvent(deviceEvent), pending);
                return true;

            case RuleTick:
                RulesMetrics.RecordEvaluation("tick");
                Handle(rules.Tick(), pending);
                return true;

            case IEngineRequest request:
                Handle(request.Run(rules), pending);
                return true;

            case RuleRequest request:
                Apply(request, pending, answered);
                return true;

            default:
                return true;
        }
    }

    private void Apply(RuleRequest request, List<Task<long>> pending, List<(RuleRequest, RuleCommandResult)> answered)
    {
        RuleCommandResult result;
        try
        {
            result = request.Apply(rules);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
        {
            request.Fail(exception);
            return;
        }

        var reason = result.Reason?.Format(language.Culture) ?? string.Empty;
        LogRuleRequest(logger, request.Kind, request.RuleId, request.Origin, request.By ?? string.Empty, result.Accepted, reason);
        Handle(result.Outputs, pending);
        answered.Add((request, result));
    }

    private void Handle(IReadOnlyList<RuleOutput> outputs, List<Task<long>> pending)
    {
        _ruleStateChanged |= outputs.Count > 0;
        foreach (var output in outputs)
        {
            switch (output)
            {
                case AlarmRaised raised:
                    alarmHistory.Record(raised.Alarm);
                    var raisedText = raised.Alarm.Message.Format(language.Culture);
                    LogAlarmRaised(logger, raised.Alarm.RuleId, raised.Alarm.Severity, raised.Alarm.AlarmId, raisedText);
                    RulesMetrics.RecordRaised(raised.Alarm);
                    Add(pending, AppendAlarm(raised.Alarm, RecordJson.AlarmRaisedType));
                    break;

                case AlarmCleared cleared:
                    alarmHistory.Record(cleared.Alarm);
                    var clearedText = cleared.Alarm.ClearMessage?.Format(language.Culture) ?? string.Empty;
                    LogAlarmCleared(logger, cleared.Alarm.RuleId, cleared.Alarm.AlarmId, clearedText);
                    RulesMetrics.RecordCleared(cleared.Alarm);
                    Add(pending, AppendAlarm(cleared.Alarm, RecordJson.AlarmClearedType));
                    break;

                case AlarmChanged changed:
                    alarmHistory.Record(changed.Alarm);
                    LogAlarmChanged(logger, changed.Alarm.RuleId, changed.Alarm.AlarmId, changed.Change);
                    Add(pending, AppendAlarm(changed.Alarm, RecordJson.AlarmChangedType, ChangeName(changed.Change)));
                    break;

                case RuleShelved shelved:
                    Add(pending, unstored.AppendOrHold(outbox, OutboxLane.Alarms, RecordJson.RuleShelvedType, RecordJson.Serialize(shelved), null));
                    break;

                default:
                    actions.Enqueue(output);
                    break;
            }
        }
    }

    /// <summary>
    /// Raises a gateway-fault record in the alarm lane when the outbox database failed to open and was replaced,
    /// because the records that were in it have not reached the district.
    /// </summary>
    private async Task ReportOutboxRecoveryAsync(CancellationToken cancellationToken)
    {
        if (outbox.Recovery is not { } recovery)
        {
            return;
        }

        LogOutboxReplaced(logger, recovery.DatabasePath, recovery.MovedToPath, recovery.Error);
        var payload = RecordJson.SerializeGatewayFault("outbox-replaced", recovery.MovedAt, recovery.FormatMessage);
        var pending = new List<Task<long>>(1);
        Add(pending, unstored.AppendOrHold(outbox, OutboxLane.Alarms, RecordJson.GatewayFaultType, payload, null));
        await AwaitAppendsAsync(pending, cancellationToken);
    }

    private static string ChangeName(AlarmChange change) => change switch
    {
        AlarmChange.Acknowledged => "acknowledged",
        AlarmChange.ConditionCleared => "condition-cleared",
        AlarmChange.ConditionReturned => "condition-returned",
        AlarmChange.Shelved => "shelved",
        AlarmChange.RaisedByChanged => "raised-by-changed",
        _ => change.ToString().ToLowerInvariant(),
    };

    private static void Add(List<Task<long>> pending, Task<long>? append)
    {
        if (append is not null)
        {
            pending.Add(append);
        }
    }

    /// <summary>Appends an alarm record, or returns null when it is held behind earlier alarm records the outbox did not store.</summary>
    private Task<long>? AppendAlarm(Alarm alarm, string type, string? change = null)
    {
        var append = unstored.AppendOrHold(outbox, OutboxLane.Alarms, type, RecordJson.Serialize(alarm, clock.BootId, change), null);
        return append is null ? null : LogAlarmStoredAsync(append, alarm.AlarmId, type);
    }

    private async Task<long> LogAlarmStoredAsync(Task<long> append, string alarmId, string type)
    {
        var sequence = await append;
        var backlog = outbox.Count(OutboxLane.Alarms);
        LogAlarmStored(logger, alarmId, type, sequence, backlog);
        return sequence;
    }

    private async Task TickAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TickInterval, clock.TimeProvider);
        var lastSummary = clock.TimeProvider.GetTimestamp();
        var samplesAtLastSummary = 0L;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await channel.PublishTickAsync(stoppingToken);

                if (clock.TimeProvider.GetElapsedTime(lastSummary) >= SummaryInterval && logger.IsEnabled(LogLevel.Information))
                {
                    var samples = SampleCount;
                    var latestValues = DescribeLatest();
                    LogSummary(logger, samples - samplesAtLastSummary, SummaryInterval.TotalSeconds, points.Count, latestValues);
                    samplesAtLastSummary = samples;
                    lastSummary = clock.TimeProvider.GetTimestamp();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private string DescribeLatest()
    {
        var latest = points.Snapshot();
        var listed = latest.Take(SummaryPointCount).Select(sample => $"{sample.Point}={sample.Value} ({sample.Quality})");
        var text = string.Join(", ", listed);
        return latest.Count > SummaryPointCount ? $"{text}, ..." : text;
    }

    [LoggerMessage(EventId = 1203, Level = LogLevel.Information, Message = "{SampleCount} samples in the last {IntervalSeconds} s, {PointCount} points known: {LatestValues}")]
    private static partial void LogSummary(ILogger logger, long sampleCount, double intervalSeconds, int pointCount, string latestValues);

    [LoggerMessage(EventId = 1200, Level = LogLevel.Warning, Message = "Alarm raised by rule {RuleId} ({Severity}, id {AlarmId}): {AlarmText}")]
    private static partial void LogAlarmRaised(ILogger logger, string ruleId, AlarmSeverity severity, string alarmId, string alarmText);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Alarm cleared for rule {RuleId} (id {AlarmId}): {AlarmText}")]
    private static partial void LogAlarmCleared(ILogger logger, string ruleId, string alarmId, string alarmText);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Information, Message = "Alarm {AlarmId} ({RecordType}) stored in the outbox as record {Sequence}; alarm records waiting for the district: {AlarmBacklog}")]
    private static partial void LogAlarmStored(ILogger logger, string alarmId, string recordType, long sequence, long alarmBacklog);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Error, Message = "The outbox database {DatabasePath} failed to open and was moved to {MovedToPath}; a fresh one was started. Error: {OpenError}")]
    private static partial void LogOutboxReplaced(ILogger logger, string databasePath, string movedToPath, string openError);

    [LoggerMessage(EventId = 1206, Level = LogLevel.Information, Message = "Alarm of rule {RuleId} (id {AlarmId}) changed: {Change}")]
    private static partial void LogAlarmChanged(ILogger logger, string ruleId, string alarmId, AlarmChange change);

    [LoggerMessage(EventId = 1207, Level = LogLevel.Information, Message = "Rule state restored: {InstanceCount} rule instances, {ActiveAlarmCount} active alarms, {OutputCount} outputs sent again")]
    private static partial void LogRuleStateRestored(ILogger logger, int instanceCount, int activeAlarmCount, int outputCount);

    [LoggerMessage(EventId = 1208, Level = LogLevel.Information, Message = "{RequestKind} of rule {RuleId} from {Origin} by '{RequestedBy}': accepted {Accepted}. {Reason}")]
    private static partial void LogRuleRequest(ILogger logger, RuleRequestKind requestKind, string ruleId, RequestOrigin origin, string requestedBy, bool accepted, string reason);

    [LoggerMessage(EventId = 1209, Level = LogLevel.Warning, Message = "The pipeline stops with {OutputCount} outputs held by rules; driving them to their safe values")]
    private static partial void LogDrivingSafeStates(ILogger logger, int outputCount);

    [LoggerMessage(EventId = 1210, Level = LogLevel.Error, Message = "The held outputs did not all reach their safe values within {TimeoutSeconds} s")]
    private static partial void LogSafeStatesTimedOut(ILogger logger, double timeoutSeconds);

    [LoggerMessage(EventId = 1211, Level = LogLevel.Critical, Message = "The pipeline failed; rules stop being evaluated")]
    private static partial void LogPipelineFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1215, Level = LogLevel.Error, Message = "The pipeline stops with {RecordCount} records the outbox did not store; they are lost (alarm records among them: {AlarmsLost}, so the rule state was not saved and those alarms are raised again after a restart)")]
    private static partial void LogHeldRecordsLost(ILogger logger, int recordCount, bool alarmsLost);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Device {DeviceId} reported {EventType}")]
    private static partial void LogDeviceEvent(ILogger logger, string deviceId, string eventType);
}
