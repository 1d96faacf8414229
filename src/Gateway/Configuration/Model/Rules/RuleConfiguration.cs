using SmartCampus.Edge.Contracts;

namespace SmartCampus.Edge.Gateway.Configuration.Model.Rules;

/// <summary>One local rule; the derived type is its kind.</summary>
public abstract record RuleConfiguration
{
    /// <summary>Rule id of letters, digits, '-' and '_', unique in the file.</summary>
    public required string Id { get; init; }

    /// <summary>The watched point; it exists and has the kind the rule needs.</summary>
    public required PointId Point { get; init; }

    public required AlarmSeverity Severity { get; init; }

    /// <summary>Actions run when the rule raises, in file order; may be empty (the alarm alone).</summary>
    public required IReadOnlyList<RuleActionConfiguration> Actions { get; init; }
}
