using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Actions;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Definitions;
using SmartCampus.Edge.Rules.Outputs;

namespace SmartCampus.Edge.Rules.Engine;

/// <summary>
/// Creates and finishes alarm records for every rule kind and turns the rule's actions into commands. Commands run
/// in the order written. A clear returns the outputs the rule held and withdraws its emergency notices.
/// </summary>
internal sealed class AlarmLifecycle(TimeProvider timeProvider, ILogger logger)
{
    private readonly OutputHolds outputHolds = new();

    public TimeProvider TimeProvider => timeProvider;

    public ILogger Logger => logger;

    public OutputHolds Holds => outputHolds;

    public NamedAlarms Named { get; } = new(timeProvider, logger);

    /// <summary>Creates the alarm record and emits <see cref="AlarmRaised"/>; the commands are a separate step.</summary>
    public Alarm Raise(RuleDefinition rule, PointValue value, AlarmMessage message, long timestamp, DateTimeOffset? shelvedUntil, List<RuleOutput> outputs)
    {
        var raisedAt = timeProvider.GetUtcNow();
        var alarm = new Alarm(
            AlarmId: Guid.CreateVersion7(raisedAt).ToString(),
            RuleId: rule.Id,
            Point: rule.Point,
            Severity: rule.Severity,
            RaisedAt: raisedAt,
            RaisedMonotonic: timeProvider.GetElapsedTime(0, timestamp),
            ValueAtRaise: value,
            Message: message,
            Latched: rule.IsLatched,
            ShelvedUntil: shelvedUntil);

        Log.AlarmRaised(logger, alarm.AlarmId, rule.Id, rule.Point, value, rule.Severity);
        outputs.Add(new AlarmRaised(alarm));
        return alarm;
    }

    /// <summary>Marks the alarm cleared and emits <see cref="AlarmCleared"/>, then the reversals if the commands ran.</summary>
    public Alarm Clear(RuleDefinition rule, Alarm active, PointValue value, AlarmMessage message, long timestamp, bool commandsIssued, List<RuleOutput> outputs)
    {
        var cleared = active with
        {
            ClearedAt = timeProvider.GetUtcNow(),
            ClearedMonotonic = timeProvider.GetElapsedTime(0, timestamp),
            ValueAtClear = value,
            ClearMessage = message,
            ShelvedUntil = null,
        };

        var activeSeconds = cleared.ActiveDuration.GetValueOrDefault().TotalSeconds;
        Log.AlarmCleared(logger, cleared.AlarmId, rule.Id, rule.Point, value, activeSeconds);
        outputs.Add(new AlarmCleared(cleared));
        if (commandsIssued)
        {
            AddClearCommands(rule, cleared, outputs);
        }

        Named.Withdraw(rule.Id, value, timestamp, outputs);
        return cleared;
    }

    /// <summary>Emits the rule's commands for <paramref name="alarm"/> in the order written and takes its output holds.</summary>
    public void IssueCommands(RuleDefinition rule, Alarm alarm, List<RuleOutput> outputs)
    {
        for (var index = 0; index < rule.Actions.Count; index++)
        {
            switch (rule.Actions[index])
            {
                case SetOutputAction setOutput:
                    SetOutput(rule, setOutput, outputs);
                    break;

                case NoticeAction notice:
                    outputs.Add(new SendNoticeCommand(notice.Target, notice.Text, notice.Emergency, rule.Id, NoticeId(alarm, index)) { Group = notice.Group });
                    break;

                case WritePointAction write:
                    outputs.Add(new WritePointCommand(write.Point, write.Value, rule.Id));
                    break;

                case PublishAction publish:
                    outputs.Add(new PublishCommand(publish.Topic, publish.Payload, rule.Id));
                    break;

                case GateModeAction gate:
                    outputs.Add(new GateModeCommand(gate.Gate, gate.Mode, rule.Id));
                    break;

                case NotifyDistrictAction:
                    outputs.Add(new NotifyDistrictCommand(alarm));
                    break;

                case ResetAlarmAction reset:
                    outputs.Add(new ResetAlarmCommand(reset.RuleId, rule.Id));
                    break;

                case RaiseAlarmAction raise:
                    Named.Raise(raise, rule, alarm, timeProvider.GetTimestamp(), outputs);
                    break;
            }
        }
    }

    /// <summary>
    /// Takes the holds of a restored alarm again and emits the commands that put its held outputs and emergency
    /// notices back, because the drivers restarted with the gateway. Pulses and ordinary notices are not repeated.
    /// </summary>
    public void ReassertCommands(RuleDefinition rule, Alarm alarm, List<RuleOutput> outputs)
    {
        for (var index = 0; index < rule.Actions.Count; index++)
        {
            switch (rule.Actions[index])
            {
                case SetOutputAction { Pulse: null } setOutput:
                    SetOutput(rule, setOutput, outputs);
                    break;

                case NoticeAction { Emergency: true } notice:
                    outputs.Add(new SendNoticeCommand(notice.Target, notice.Text, true, rule.Id, NoticeId(alarm, index)) { Group = notice.Group });
                    break;

                case GateModeAction gate:
                    outputs.Add(new GateModeCommand(gate.Gate, gate.Mode, rule.Id));
                    break;
            }
        }
    }

    // The index of the action in the rule makes the id unique when one rule sends several notices.
    private static string NoticeId(Alarm alarm, int actionIndex) => $"{alarm.AlarmId}/{actionIndex}";

    private static HeldOutput HoldOf(RuleDefinition rule, SetOutputAction setOutput) =>
        new(
            setOutput.Output,
            setOutput.Value,
            setOutput.SafeValue ?? (rule.LifeSafety ? setOutput.Value : setOutput.ReleaseValue),
            setOutput.ReleaseValue,
            rule.Id,
            rule.LifeSafety,
            rule.Priority);

    private void SetOutput(RuleDefinition rule, SetOutputAction setOutput, List<RuleOutput> outputs)
    {
        var hold = HoldOf(rule, setOutput);
        var top = outputHolds.Top(setOutput.Output);

        // A pulse takes no hold, but it still must not override a higher-ranked rule holding the other value.
        if (top is not null && !SetOutputAction.SameValue(top.Value, setOutput.Value) && top.Outranks(hold))
        {
            Log.OutputOverridden(logger, rule.Id, setOutput.Output, setOutput.Value, top.RuleId, top.Value);
            if (setOutput.Pulse is null)
            {
                outputHolds.Hold(hold);
            }

            return;
        }

        outputs.Add(new SetOutputCommand(setOutput.Output, setOutput.Value, setOutput.Pulse, rule.Id) 
        {
            PulseEndValue = setOutput.Pulse is null ? null : setOutput.ReleaseValue,
        });
        if (setOutput.Pulse is null)
        {
            outputHolds.Hold(hold);
        }
    }

    private void AddClearCommands(RuleDefinition rule, Alarm alarm, List<RuleOutput> outputs)
    {
        var deciding = outputHolds.HoldsOf(rule.Id)
            .Where(hold => ReferenceEquals(outputHolds.Top(hold.Output), hold))
            .ToHashSet();

        foreach (var released in outputHolds.ReleaseAll(rule.Id))
        {
            var next = outputHolds.Top(released.Output);
            if (next is null)
            {
                outputs.Add(new SetOutputCommand(released.Output, released.ReleaseValue, null, rule.Id));
            }
            else if (SetOutputAction.SameValue(next.Value, released.Value))
            {
                Log.OutputStillHeld(logger, rule.Id, released.Output, released.Value);
            }
            else if (deciding.Contains(released))
            {
                // The released hold was deciding the output, so the next rule's value takes over.
                outputs.Add(new SetOutputCommand(released.Output, next.Value, null, next.RuleId));
            }
        }

        for (var index = 0; index < rule.Actions.Count; index++)
        {
            switch (rule.Actions[index])
            {
                case NoticeAction { Emergency: true } notice:
                    outputs.Add(new ClearEmergencyNoticeCommand(notice.Target, rule.Id, NoticeId(alarm, index)) { Group = notice.Group });
                    break;

                case WritePointAction { ClearValue: { } clearValue } write:
                    outputs.Add(new WritePointCommand(write.Point, clearValue, rule.Id));
                    break;

                case GateModeAction gate:
                    outputs.Add(new GateModeCommand(gate.Gate, GateMode.Controlled, rule.Id));
                    break;

                case NotifyDistrictAction:
                    outputs.Add(new NotifyDistrictCommand(alarm));
                    break;
            }
        }
    }
}
