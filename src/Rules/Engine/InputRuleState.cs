using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Definitions;
using SmartCampus.Edge.Rules.Outputs;

namespace SmartCampus.Edge.Rules.Engine;

/// <summary>
/// Active while a good sample of the input equals the active level. A sample without a usable value neither
/// raises nor clears: a fire input that loses its reading keeps its alarm, and the siren, on.
/// </summary>
// NOTE: an input alarm clears as soon as the input returns. Latching until someone acknowledges it on site, which
// fire linkage needs to hold escape gates open, is not built yet.
internal sealed class InputRuleState(InputRuleDefinition rule, AlarmLifecycle lifecycle) : RuleState(rule, lifecycle)
{
    public override void Evaluate(Sample sample, long timestamp, List<RuleOutput> outputs)
    {
        if (!TryReadLevel(sample, out var level))
        {
            ReportUnusableValue(sample, "a boolean, or the number 0 or 1");
            return;
        }

        ResetUnusableReport();

        if (ActiveAlarm is null && level == rule.ActiveLevel)
        {
            ActiveAlarm = Lifecycle.Raise(rule, sample.Value, AlarmMessages.InputRaised(rule, level), timestamp, outputs);
        }
        else if (ActiveAlarm is { } active && level != rule.ActiveLevel)
        {
            ActiveAlarm = null;
            Lifecycle.Clear(rule, active, sample.Value, AlarmMessages.InputCleared(rule, level), timestamp, outputs);
        }
    }

    // A coil or discrete input read over Modbus may arrive as the number 0 or 1; any other number is not a level.
    private static bool TryReadLevel(Sample sample, out bool level)
    {
        level = false;
        if (sample.Quality != Quality.Good)
        {
            return false;
        }

        switch (sample.Value.Kind)
        {
            case PointValueKind.Boolean:
                level = sample.Value.Boolean;
                return true;

            case PointValueKind.Number when sample.Value.Number is 0 or 1:
                level = sample.Value.Number == 1;
                return true;

            default:
                return false;
        }
    }
}
