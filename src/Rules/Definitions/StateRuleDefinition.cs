using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Actions;
using SmartCampus.Edge.Rules.Alarms;

namespace SmartCampus.Edge.Rules.Definitions;

/// <summary>
/// Watches the value of any point: while it equals a value (a Modbus mode register at 3, an MQTT status "alarm"),
/// or at a change or an edge of it. A change or edge is a moment, so its condition holds for
/// <see cref="ClearAfter"/> after the last trigger and then clears. The first good value after start only sets the
/// baseline: it is not a change. With <see cref="Debounce"/>, a new value counts only once it has held that long.
/// </summary>
public sealed record StateRuleDefinition : RuleDefinition
{
    /// <exception cref="ArgumentException"><see cref="StateTrigger.EqualTo"/> without a value.</exception>
    public StateRuleDefinition(
        string id,
        PointId point,
        StateTrigger trigger,
        PointValue value,
        AlarmSeverity severity,
        IEnumerable<RuleAction>? actions = null)
        : base(id, point, severity, actions)
    {
        if (!Enum.IsDefined(trigger))
        {
            throw new ArgumentOutOfRangeException(nameof(trigger), trigger, $"Rule '{id}' has an unknown trigger.");
        }

        if (trigger == StateTrigger.EqualTo && value.Kind == PointValueKind.None)
        {
            throw new ArgumentException($"Rule '{id}' compares with 'equals' and needs a value.", nameof(value));
        }

        Trigger = trigger;
        Value = value;
    }

    public StateTrigger Trigger { get; }

    /// <summary>The value compared with for <see cref="StateTrigger.EqualTo"/>; <see cref="PointValue.None"/> otherwise.</summary>
    public PointValue Value { get; }

    /// <summary>Time a new value must hold, on the monotonic clock, before the rule acts on it (<c>debounce</c>, default zero).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public TimeSpan Debounce
    {
        get => debounce;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            debounce = value;
        }
    }

    /// <summary>
    /// For a change or an edge: time the condition holds after the last trigger (<c>clearAfter</c>, default zero, which
    /// clears at the next evaluation). A latched rule keeps its alarm until the on-site reset regardless.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public TimeSpan ClearAfter
    {
        get => clearAfter;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            clearAfter = value;
        }
    }

    /// <summary>Whether the trigger is a moment (a change or an edge) rather than a lasting state.</summary>
    public bool IsMomentary => Trigger != StateTrigger.EqualTo;

    private readonly TimeSpan debounce;
    private readonly TimeSpan clearAfter;
}
