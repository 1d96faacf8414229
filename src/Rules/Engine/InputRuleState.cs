using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Definitions;
using SmartCampus.Edge.Rules.Outputs;

namespace SmartCampus.Edge.Rules.Engine;

/// <summary>
/// The condition holds while a good sample of the input equals the active level. A sample without a usable value
/// neither raises nor clears: a fire input that loses its reading keeps its alarm, and the siren, on. A stale rule on
/// the same point turns that silence into a fault alarm.
/// </summary>
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

        if (!ConditionActive && level == rule.ActiveLevel)
        {
            RaiseCondition(sample.Value, AlarmMessages.InputRaised(rule, level), timestamp, outputs);
        }
        else if (ConditionActive && level != rule.ActiveLevel)
        {
            ClearCondition(sample.Value, AlarmMessages.InputCleared(rule, level), timestamp, outputs);
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
