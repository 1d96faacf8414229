using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Definitions;
using SmartCampus.Edge.Rules.Outputs;
using SmartCampus.Edge.Rules.Text;

namespace SmartCampus.Edge.Rules.Engine;

/// <summary>Follows the joined conditions of earlier rules; the engine calls <see cref="Update"/> after every change.</summary>
internal sealed class CombinationRuleState(CombinationRuleDefinition rule, AlarmLifecycle lifecycle, IReadOnlyList<RuleState> parts)
    : RuleState(rule, lifecycle)
{
    public override void Evaluate(Sample sample, long timestamp, List<RuleOutput> outputs)
    {
    }

    public void Update(long timestamp, List<RuleOutput> outputs)
    {
        var holds = rule.Kind switch
        {
            CombinationKind.All => parts.All(part => part.ConditionActive),
            CombinationKind.Any => parts.Any(part => part.ConditionActive),
            _ => !parts[0].ConditionActive,
        };

        var ids = new TextList(rule.RuleIds);
        var kind = rule.Kind.ToString().ToLowerInvariant();
        if (holds && !ConditionActive)
        {
            RaiseCondition(PointValue.FromBoolean(true), new AlarmMessage("CombinationRaised", [rule.Id, kind, ids]), timestamp, outputs);
        }
        else if (!holds && ConditionActive)
        {
            ClearCondition(PointValue.FromBoolean(false), new AlarmMessage("CombinationCleared", [rule.Id, kind, ids]), timestamp, outputs);
        }
    }
}
