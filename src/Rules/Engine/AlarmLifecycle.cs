using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Actions;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Definitions;
using SmartCampus.Edge.Rules.Outputs;

namespace SmartCampus.Edge.Rules.Engine;

/// <summary>
/// Raises and clears alarms for every rule kind and turns the rule's actions into commands. A raise runs each
/// action in the order written. A clear returns held outputs to the opposite value and withdraws emergency notices.
/// </summary>
internal sealed class AlarmLifecycle(TimeProvider timeProvider, ILogger logger)
{
    private readonly OutputHolds outputHolds = new();

    public TimeProvider TimeProvider => timeProvider;

    public ILogger Logger => logger;

    public Alarm Raise(RuleDefinition rule, PointValue value, AlarmMessage message, long timestamp, List<RuleOutput> outputs)
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
            Message: message);

        Log.AlarmRaised(logger, alarm.AlarmId, rule.Id, rule.Point, value, rule.Severity);
        outputs.Add(new AlarmRaised(alarm));
        AddRaiseCommands(rule, alarm, outputs);
        return alarm;
    }

    public Alarm Clear(RuleDefinition rule, Alarm active, PointValue value, AlarmMessage message, long timestamp, List<RuleOutput> outputs)
    {
        var cleared = active with
        {
            ClearedAt = timeProvider.GetUtcNow(),
            ClearedMonotonic = timeProvider.GetElapsedTime(0, timestamp),
            ValueAtClear = value,
            ClearMessage = message,
        };

        var activeSeconds = cleared.ActiveDuration.GetValueOrDefault().TotalSeconds;
        Log.AlarmCleared(logger, cleared.AlarmId, rule.Id, rule.Point, value, activeSeconds);
        outputs.Add(new AlarmCleared(cleared));
        AddClearCommands(rule, cleared, outputs);
        return cleared;
    }

    // The index of the action in the rule makes the id unique when one rule sends several notices.
    private static string NoticeId(Alarm alarm, int actionIndex) => $"{alarm.AlarmId}/{actionIndex}";

    private void AddRaiseCommands(RuleDefinition rule, Alarm alarm, List<RuleOutput> outputs)
    {
        for (var index = 0; index < rule.Actions.Count; index++)
        {
            switch (rule.Actions[index])
            {
                case SetOutputAction setOutput:
                    outputs.Add(new SetOutputCommand(setOutput.Output, setOutput.Value, setOutput.Pulse, rule.Id));
                    if (setOutput.Pulse is null)
                    {
                        outputHolds.Hold(rule.Id, setOutput.Output, setOutput.Value);
                    }

                    break;

                case NoticeAction notice:
                    outputs.Add(new SendNoticeCommand(notice.Target, notice.Text, notice.Emergency, rule.Id, NoticeId(alarm, index)));
                    break;
            }
        }
    }

    private void AddClearCommands(RuleDefinition rule, Alarm alarm, List<RuleOutput> outputs)
    {
        outputHolds.ReleaseAll(rule.Id);

        for (var index = 0; index < rule.Actions.Count; index++)
        {
            switch (rule.Actions[index])
            {
                case SetOutputAction { Pulse: null } setOutput when outputHolds.IsHeld(setOutput.Output, setOutput.Value):
                    Log.OutputStillHeld(logger, rule.Id, setOutput.Output, setOutput.Value);
                    break;

                case SetOutputAction { Pulse: null } setOutput:
                    outputs.Add(new SetOutputCommand(setOutput.Output, !setOutput.Value, null, rule.Id));
                    break;

                case NoticeAction { Emergency: true } notice:
                    outputs.Add(new ClearEmergencyNoticeCommand(notice.Target, rule.Id, NoticeId(alarm, index)));
                    break;
            }
        }
    }
}
