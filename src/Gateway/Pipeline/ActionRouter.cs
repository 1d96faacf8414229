using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.Devices;
using SmartCampus.Edge.Gateway.Hosting;
using SmartCampus.Edge.Drivers.Mqtt.Gates;
using SmartCampus.Edge.Rules.Actions;
using SmartCampus.Edge.Rules.Engine;
using SmartCampus.Edge.Rules.Outputs;
using SmartCampus.Edge.Sync.Outbox;

namespace SmartCampus.Edge.Gateway.Pipeline;

/// <summary>
/// Carries the rule engine's commands to the drivers: outputs and point writes to GPIO or Modbus, notices to class
/// boards, publishes to the campus broker, and immediate district notifications to the outbox's alarm lane.
/// It runs apart from the pipeline, so a slow device write never delays the next rule evaluation.
/// Commands run one at a time, in the order the rules issued them.
/// </summary>
internal sealed partial class ActionRouter(
    DeviceRegistry registry,
    OperatorLanguage language,
    TimeProvider timeProvider,
    CampusPublisher publisher,
    OutboxStore outbox,
    UnstoredRecords unstored,
    GatewayClock clock,
    BoardDirectory boardDirectory,
    ILogger<ActionRouter> logger) : BackgroundService
{
    /// <summary>Time allowed for one device write or notice before it counts as failed.</summary>
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(15);

    // Rule outputs and SafeStateBatch items, in the order queued.
    private readonly Channel<object> _commands = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });

    private readonly PublishRetry _publishes = new(publisher, timeProvider, logger);

    private readonly NoticeRecipients _recipients = new(boardDirectory);

    public void Enqueue(RuleOutput command) => _commands.Writer.TryWrite(command);

    /// <summary>
    /// Drives each held output to its <see cref="HeldOutput.SafeValue"/> after every command queued before, and
    /// completes when all writes are done or failed (each failure is logged). The pipeline calls it when it stops.
    /// </summary>
    public Task DriveSafeStatesAsync(IReadOnlyList<HeldOutput> holds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(holds);

        var batch = new SafeStateBatch(holds);
        return _commands.Writer.TryWrite(batch) ? batch.Done.Task.WaitAsync(cancellationToken) : Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retries = _publishes.RunAsync(stoppingToken);
        try
        {
            await RouteAsync(stoppingToken);
        }
        finally
        {
            await retries;
        }
    }

    private async Task RouteAsync(CancellationToken stoppingToken)
    {
        await foreach (var command in _commands.Reader.ReadAllAsync(stoppingToken))
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(CommandTimeout);
            try
            {
                await ExecuteAsync(command, timeout.Token);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogCommandFailed(logger, command.GetType().Name, exception);
                (command as SafeStateBatch)?.Done.TrySetResult();
            }
        }
    }

    private Task ExecuteAsync(object command, CancellationToken cancellationToken) => command switch
    {
        SafeStateBatch batch => DriveSafeStatesAsync(batch, cancellationToken),
        PublishCommand publish => _publishes.PublishAsync(publish, cancellationToken),
        ResetAlarmCommand reset => LogReset(reset),
        SetOutputCommand setOutput => SetOutputAsync(setOutput, cancellationToken),
        SendNoticeCommand notice => SendNoticeAsync(notice, cancellationToken),
        ClearEmergencyNoticeCommand clear => ClearEmergencyAsync(clear, cancellationToken),
        GateModeCommand gateMode => SetGateModeAsync(gateMode, cancellationToken),
        WritePointCommand write => WritePointAsync(write, cancellationToken),
        NotifyDistrictCommand notify => NotifyDistrictAsync(notify),
        _ => Unsupported((RuleOutput)command),
    };

    /// <summary>
    /// Puts a gate in a rule's mode. Hold-open is a hold owned by the rule, so no other source can change the gate
    /// until the rule releases it; controlled releases that hold.
    /// </summary>
    private async Task SetGateModeAsync(GateModeCommand command, CancellationToken cancellationToken)
    {
        if (!registry.TryGet(command.Gate, out var driver) || driver is not AccessGateDriver gate)
        {
            LogOutputDeviceMissing(logger, command.RuleId, new PointId(command.Gate, "mode"));
            return;
        }

        switch (command.Mode)
        {
            case GateMode.HoldOpen:
                gate.HoldOpen(command.RuleId);
                LogGateHeld(logger, command.RuleId, command.Gate);
                break;
            case GateMode.Controlled:
                gate.Release(command.RuleId);
                LogGateReleased(logger, command.RuleId, command.Gate);
                break;
            default:
                var result = await gate.SendCommandAsync(GateCommand.Locked, $"rule:{command.RuleId}", cancellationToken);
                LogGateCommand(logger, command.RuleId, command.Gate, result.Outcome);
                break;
        }
    }

    private async Task WritePointAsync(WritePointCommand command, CancellationToken cancellationToken)
    {
        if (!registry.TryGet(command.Point.Device, out var driver) || driver is null)
        {
            LogOutputDeviceMissing(logger, command.RuleId, command.Point);
            return;
        }

        var result = await driver.WriteAsync(command.Point.Point, command.Value, cancellationToken);
        if (!result.Succeeded)
        {
            LogPointWriteFailed(logger, command.RuleId, command.Point, result.Error ?? string.Empty);
        }
    }

    /// <summary>
    /// Appends an <c>alarm-notify</c> record to the outbox's alarm lane, which the uplink sends before any other lane
    /// and without waiting for a fuller batch. The district pages its operators on it; the raise or clear record of the
    /// same alarm is in the lane already, or held by <see cref="UnstoredRecords"/> while the outbox is closed, and so is
    /// this one then.
    /// </summary>
    private async Task NotifyDistrictAsync(NotifyDistrictCommand command)
    {
        var payload = RecordJson.Serialize(command.Alarm, clock.BootId);
        if (unstored.AppendOrHold(outbox, OutboxLane.Alarms, RecordJson.AlarmNotifyType, payload, null) is not { } append)
        {
            LogDistrictNotifyHeld(logger, command.RuleId, command.Alarm.AlarmId);
            return;
        }

        try
        {
            var sequence = await append;
            LogDistrictNotified(logger, command.RuleId, command.Alarm.AlarmId, sequence);
        }
        catch (OutboxAppendFailedException failure)
        {
            unstored.Hold(UnstoredRecord.From(failure));
            LogDistrictNotifyHeld(logger, command.RuleId, command.Alarm.AlarmId);
        }
    }

    // The engine applied the reset already; the router only leaves a trace for the audit log.
    private Task LogReset(ResetAlarmCommand command)
    {
        LogAlarmReset(logger, command.RuleId, command.TargetRuleId);
        return Task.CompletedTask;
    }

    private async Task DriveSafeStatesAsync(SafeStateBatch batch, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var hold in batch.Holds)
            {
                LogSafeState(logger, hold.Output, hold.SafeValue, hold.RuleId);
                await WriteOutputAsync(hold.Output, hold.SafeValue, hold.RuleId, cancellationToken);
            }
        }
        finally
        {
            batch.Done.TrySetResult();
        }
    }

    private Task Unsupported(RuleOutput command)
    {
        LogCommandUnsupported(logger, command.RuleId, command.GetType().Name);
        return Task.CompletedTask;
    }

    private async Task SetOutputAsync(SetOutputCommand command, CancellationToken cancellationToken)
    {
        if (!await WriteOutputAsync(command.Output, command.Value, command.RuleId, cancellationToken))
        {
            return;
        }

        if (command.Pulse is { } pulse)
        {
            // A pulse reverts on its own timer so that the queue keeps moving meanwhile.
            _ = RevertAfterPulseAsync(command, pulse);
        }
    }

    private async Task RevertAfterPulseAsync(SetOutputCommand command, TimeSpan pulse)
    {
        try
        {
            await Task.Delay(pulse, timeProvider);
            using var timeout = new CancellationTokenSource(CommandTimeout);
            // The engine sets PulseEndValue on every pulse; the opposite boolean serves a command built without it.
            var end = command.PulseEndValue ?? PointValue.FromBoolean(!command.Value.Boolean);
            await WriteOutputAsync(command.Output, end, command.RuleId, timeout.Token);
        }
        catch (Exception exception)
        {
            LogCommandFailed(logger, nameof(RevertAfterPulseAsync), exception);
        }
    }

    private async Task<bool> WriteOutputAsync(PointId output, PointValue value, string ruleId, CancellationToken cancellationToken)
    {
        if (!registry.TryGet(output.Device, out var driver) || driver is null)
        {
            LogOutputDeviceMissing(logger, ruleId, output);
            return false;
        }

        var result = await driver.WriteAsync(output.Point, value, cancellationToken);
        if (!result.Succeeded)
        {
            LogOutputWriteFailed(logger, ruleId, output, value, result.Error ?? string.Empty);
            return false;
        }

        LogOutputWritten(logger, ruleId, output, value);
        return true;
    }

    private async Task SendNoticeAsync(SendNoticeCommand command, CancellationToken cancellationToken)
    {
        if (registry.ClassBoards is not { } boards)
        {
            LogNoClassBoards(logger, command.RuleId, command.Target);
            return;
        }

        var text = command.Text.Resolve(language.Culture);
        var sent = 0;
        foreach (var target in _recipients.ForSend(command))
        {
            sent += await boards.SendNoticeAsync(target, command.NoticeId, text, command.Emergency, cancellationToken);
        }

        LogNoticeSent(logger, command.RuleId, command.NoticeId, command.Target, command.Emergency, sent);
    }

    private async Task ClearEmergencyAsync(ClearEmergencyNoticeCommand command, CancellationToken cancellationToken)
    {
        if (registry.ClassBoards is not { } boards)
        {
            LogNoClassBoards(logger, command.RuleId, command.Target);
            return;
        }

        var cleared = 0;
        foreach (var target in _recipients.ForClear(command))
        {
            cleared += await boards.ClearEmergencyAsync(target, command.NoticeId, cancellationToken);
        }

        LogEmergencyCleared(logger, command.RuleId, command.NoticeId, command.Target, cleared);
    }

    [LoggerMessage(EventId = 1240, Level = LogLevel.Information, Message = "Rule {RuleId} set output {Point} to {Value}")]
    private static partial void LogOutputWritten(ILogger logger, string ruleId, PointId point, PointValue value);

    [LoggerMessage(EventId = 1241, Level = LogLevel.Error, Message = "Rule {RuleId} could not set output {Point} to {Value}: {Reason}")]
    private static partial void LogOutputWriteFailed(ILogger logger, string ruleId, PointId point, PointValue value, string reason);

    [LoggerMessage(EventId = 1242, Level = LogLevel.Error, Message = "Rule {RuleId} writes output {Point}, but no driver runs that device")]
    private static partial void LogOutputDeviceMissing(ILogger logger, string ruleId, PointId point);

    [LoggerMessage(EventId = 1243, Level = LogLevel.Information, Message = "Rule {RuleId} sent notice {NoticeId} to {Target} (emergency: {Emergency}); boards whose broker acknowledged it: {BoardCount}")]
    private static partial void LogNoticeSent(ILogger logger, string ruleId, string noticeId, string target, bool emergency, int boardCount);

    [LoggerMessage(EventId = 1244, Level = LogLevel.Information, Message = "Rule {RuleId} withdrew emergency notice {NoticeId} from {Target}; boards whose broker acknowledged it: {BoardCount}")]
    private static partial void LogEmergencyCleared(ILogger logger, string ruleId, string noticeId, string target, int boardCount);

    [LoggerMessage(EventId = 1245, Level = LogLevel.Warning, Message = "Rule {RuleId} addressed class boards {Target}, but the site has no class boards")]
    private static partial void LogNoClassBoards(ILogger logger, string ruleId, string target);

    [LoggerMessage(EventId = 1247, Level = LogLevel.Warning, Message = "Rule {RuleId} holds gate {Gate} open; other commands to it are rejected until the rule releases it")]
    private static partial void LogGateHeld(ILogger logger, string ruleId, string gate);

    [LoggerMessage(EventId = 1248, Level = LogLevel.Information, Message = "Rule {RuleId} released its hold on gate {Gate}")]
    private static partial void LogGateReleased(ILogger logger, string ruleId, string gate);

    [LoggerMessage(EventId = 1249, Level = LogLevel.Information, Message = "Rule {RuleId} sent a lock command to gate {Gate}: {Outcome}")]
    private static partial void LogGateCommand(ILogger logger, string ruleId, string gate, GateCommandOutcome outcome);

    [LoggerMessage(EventId = 1250, Level = LogLevel.Error, Message = "Rule {RuleId} could not write {Point}: {Reason}")]
    private static partial void LogPointWriteFailed(ILogger logger, string ruleId, PointId point, string reason);

    [LoggerMessage(EventId = 1251, Level = LogLevel.Information, Message = "Rule {RuleId} notifies the district of alarm {AlarmId} at once: alarm-lane record {Sequence}")]
    private static partial void LogDistrictNotified(ILogger logger, string ruleId, string alarmId, long sequence);

    [LoggerMessage(EventId = 1216, Level = LogLevel.Warning, Message = "Rule {RuleId} notifies the district of alarm {AlarmId}; the record waits in memory until the outbox is open again")]
    private static partial void LogDistrictNotifyHeld(ILogger logger, string ruleId, string alarmId);

    [LoggerMessage(EventId = 1256, Level = LogLevel.Information, Message = "Rule {RuleId} reset the alarm of rule {TargetRuleId} as an on-site acknowledgement")]
    private static partial void LogAlarmReset(ILogger logger, string ruleId, string targetRuleId);

    [LoggerMessage(EventId = 1257, Level = LogLevel.Warning, Message = "The rule engine stopped: output {Point} held by rule {RuleId} is driven to its safe value {SafeValue}")]
    private static partial void LogSafeState(ILogger logger, PointId point, PointValue safeValue, string ruleId);

    [LoggerMessage(EventId = 1252, Level = LogLevel.Warning, Message = "Rule {RuleId} issued {CommandType}, which the gateway does not carry out yet")]
    private static partial void LogCommandUnsupported(ILogger logger, string ruleId, string commandType);

    [LoggerMessage(EventId = 1246, Level = LogLevel.Error, Message = "Rule command {CommandType} failed")]
    private static partial void LogCommandFailed(ILogger logger, string commandType, Exception exception);
}
