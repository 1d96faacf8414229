namespace SmartCampus.Edge.Gateway.Configuration.Model.Rules;

/// <summary>A GPIO input in a given state, for example a fire-panel contact; kind input.</summary>
public sealed record InputRuleConfiguration : RuleConfiguration
{
    /// <summary>The logical input value that raises the rule (key equals).</summary>
    public required bool TriggerValue { get; init; }

    /// <summary>Time a new level must hold before the rule acts on it (<c>debounce</c>, default zero).</summary>
    public TimeSpan Debounce { get; init; }
}
