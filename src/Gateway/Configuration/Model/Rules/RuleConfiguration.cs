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

    /// <summary>The alarm stays active after its condition clears, until acknowledged on site (<c>latched</c>).</summary>
    public bool Latched { get; init; }

    /// <summary>A fire or evacuation rule: latched, never shelved, its outputs held against other commands (<c>lifeSafety</c>).</summary>
    public bool LifeSafety { get; init; }

    /// <summary>Rank when two active rules set one output to different values; higher wins (<c>priority</c>).</summary>
    public int Priority { get; init; }

    /// <summary>When the rule may raise (<c>armed</c>); null for always.</summary>
    public ArmedConfiguration? Armed { get; init; }

    /// <summary>
    /// For a <c>point</c> written with <c>*</c>: the pattern and the configured points it matches, in file order;
    /// <see cref="Point"/> is then the first match. Null for a rule on one point.
    /// </summary>
    public PointPatternMatches? Pattern { get; init; }
}
