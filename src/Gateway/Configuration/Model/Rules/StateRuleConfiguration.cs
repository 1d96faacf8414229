using SmartCampus.Edge.Contracts;

namespace SmartCampus.Edge.Gateway.Configuration.Model.Rules;

/// <summary>A point's value equal to a value, or a change or edge of it (<c>kind: state</c>).</summary>
public sealed record StateRuleConfiguration : RuleConfiguration
{
    public required StateTriggerSetting Trigger { get; init; }

    /// <summary>The value of <c>equals</c>; <see cref="PointValue.None"/> for a change or an edge.</summary>
    public PointValue Value { get; init; }

    /// <summary>Time a new value must hold before it counts (<c>debounce</c>, default zero).</summary>
    public TimeSpan Debounce { get; init; }

    /// <summary>For a change or an edge: time the condition holds after the trigger (<c>clearAfter</c>, default zero).</summary>
    public TimeSpan ClearAfter { get; init; }
}
