using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Actions;
using SmartCampus.Edge.Rules.Alarms;

namespace SmartCampus.Edge.Rules.Definitions;

/// <summary>
/// Raises an alarm while the conditions of other rules, joined by <see cref="Kind"/>, hold. A named rule's condition is
/// what its kind evaluates (a threshold past its duration, an input at its level), not its alarm. So a latched alarm
/// waiting for its reset counts as not holding, and a rule outside its armed schedule never holds. The named rules
/// must come earlier in the rule list, which rules out cycles. Rules used only as conditions can have no actions.
/// </summary>
public sealed record CombinationRuleDefinition : RuleDefinition
{
    /// <summary>Device part of the placeholder point of a combination, which reads no point itself.</summary>
    public const string PlaceholderDevice = "rules";

    /// <exception cref="ArgumentException">No rule named, a blank id, or <see cref="CombinationKind.Not"/> with other than one rule.</exception>
    public CombinationRuleDefinition(string id, CombinationKind kind, IEnumerable<string> ruleIds, AlarmSeverity severity, IEnumerable<RuleAction>? actions = null)
        : base(id, new PointId(PlaceholderDevice, id), severity, actions)
    {
        ArgumentNullException.ThrowIfNull(ruleIds);

        var list = ruleIds.ToArray();
        if (list.Length == 0 || list.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException($"Rule '{id}' must name at least one rule, without blank ids.", nameof(ruleIds));
        }

        if (kind == CombinationKind.Not && list.Length != 1)
        {
            throw new ArgumentException($"Rule '{id}': 'not' takes exactly one rule, found {list.Length}.", nameof(ruleIds));
        }

        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, $"Rule '{id}' has an unknown combination.");
        }

        Kind = kind;
        RuleIds = list.AsReadOnly();
    }

    public CombinationKind Kind { get; }

    /// <summary>Ids of the rules whose conditions are joined, in the order written.</summary>
    public IReadOnlyList<string> RuleIds { get; }

    /// <summary>None: a combination reads the other rules' conditions, not a point.</summary>
    public override IReadOnlyList<PointId> ReadPoints => [];
}
