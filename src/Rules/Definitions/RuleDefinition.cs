using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Actions;
using SmartCampus.Edge.Rules.Alarms;

namespace SmartCampus.Edge.Rules.Definitions;

/// <summary>
/// A rule as the site configuration declares it: which point it reads, when it raises an alarm of which
/// severity, and what it does then. The kinds are <see cref="ThresholdRuleDefinition"/>,
/// <see cref="InputRuleDefinition"/>, <see cref="StateRuleDefinition"/>, <see cref="StaleRuleDefinition"/>,
/// <see cref="OfflineRuleDefinition"/>, <see cref="EventCountRuleDefinition"/> and <see cref="CombinationRuleDefinition"/>. Constructors reject values that can never work; checking point ids against
/// the configured devices is the configuration loader's job, from <see cref="ReadPoints"/>,
/// <see cref="WrittenPoints"/> and <see cref="NoticeTargets"/>.
/// </summary>
public abstract record RuleDefinition
{
    private protected RuleDefinition(string id, PointId point, AlarmSeverity severity, IEnumerable<RuleAction>? actions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        if (string.IsNullOrWhiteSpace(point.Device) || string.IsNullOrWhiteSpace(point.Point))
        {
            throw new ArgumentException($"Rule '{id}' has no point.", nameof(point));
        }

        if (!Enum.IsDefined(severity))
        {
            throw new ArgumentOutOfRangeException(nameof(severity), severity, $"Rule '{id}' has an unknown severity.");
        }

        var actionList = (actions ?? []).ToArray();
        if (actionList.Any(action => action is null))
        {
            throw new ArgumentException($"Rule '{id}' has a null action.", nameof(actions));
        }

        Id = id;
        Point = point;
        Severity = severity;
        Actions = actionList.AsReadOnly();
    }

    /// <summary>Rule id, unique within the site; it appears in alarm ids and in every command the rule emits.</summary>
    public string Id { get; private init; }

    /// <summary>The point whose samples the rule evaluates.</summary>
    public PointId Point { get; private init; }

    public AlarmSeverity Severity { get; }

    /// <summary>
    /// Whether the alarm stays active after its condition clears, until someone on site acknowledges it
    /// (<c>latched</c>, default false). Life-safety rules are always latched.
    /// </summary>
    public bool Latched { get; init; }

    /// <summary>
    /// Whether the rule protects people (fire, evacuation): it is latched, it cannot be shelved, its held outputs win
    /// over every other rule and reject conflicting commands until an on-site reset (<c>lifeSafety</c>, default false).
    /// </summary>
    public bool LifeSafety { get; init; }

    /// <summary>
    /// Rank of the rule when two active rules set one output to different values: the higher number wins
    /// (<c>priority</c>, default 0). A life-safety rule outranks every rule that is not one, whatever the numbers.
    /// </summary>
    public int Priority { get; init; }

    /// <summary>
    /// Times the rule is armed (<c>armed</c>); null for always. Outside them the rule raises nothing, a pending duration
    /// is dropped, and an alarm already active follows its normal clear.
    /// </summary>
    public Schedules.Schedule? Armed { get; init; }

    /// <summary>
    /// Copies the rule for one point matched by a pattern. The copy's id is <c>{Id}@{device}</c>, so each instance has
    /// its own alarm, state and snapshot entry.
    /// </summary>
    public RuleDefinition ForPoint(PointId point)
    {
        if (string.IsNullOrWhiteSpace(point.Device) || string.IsNullOrWhiteSpace(point.Point))
        {
            throw new ArgumentException($"Rule '{Id}' cannot apply to an empty point.", nameof(point));
        }

        return this with { Id = $"{Id}@{point.Device}", Point = point };
    }

    /// <summary>Whether the alarm needs an on-site acknowledgement to clear.</summary>
    public bool IsLatched => Latched || LifeSafety;

    /// <summary>Actions run on raise, in the order written.</summary>
    public IReadOnlyList<RuleAction> Actions { get; }

    /// <summary>Points the rule reads; each must exist and be readable.</summary>
    public virtual IReadOnlyList<PointId> ReadPoints => [Point];

    /// <summary>Outputs the rule's actions set, without repeats; each must exist and be writable.</summary>
    public IReadOnlyList<PointId> WrittenPoints =>
        Actions.OfType<SetOutputAction>().Select(action => action.Output)
            .Concat(Actions.OfType<WritePointAction>().Select(action => action.Point))
            .Distinct()
            .ToArray();

    /// <summary>
    /// Class-board device ids the rule's notices go to, without repeats, excluding <see cref="NoticeAction.AllBoards"/>
    /// and board groups, which the host resolves when it sends.
    /// </summary>
    public IReadOnlyList<string> NoticeTargets =>
        Actions.OfType<NoticeAction>().Where(action => !action.IsForAllBoards && action.Group is null).Select(action => action.Target).Distinct(StringComparer.Ordinal).ToArray();
}
