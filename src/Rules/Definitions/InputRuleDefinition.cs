using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Actions;
using SmartCampus.Edge.Rules.Alarms;

namespace SmartCampus.Edge.Rules.Definitions;

/// <summary>
/// Raises an alarm while a binary input is at its active level (a smoke detector contact, a one-button alarm) and
/// clears it when the input returns. The site configuration writes the active level as <c>equals</c>.
/// </summary>
public sealed record InputRuleDefinition : RuleDefinition
{
    public InputRuleDefinition(string id, PointId point, bool activeLevel, AlarmSeverity severity, IEnumerable<RuleAction>? actions = null)
        : base(id, point, severity, actions)
    {
        ActiveLevel = activeLevel;
    }

    /// <summary>The input value that raises the alarm; the debounced logical level, after any active-low inversion.</summary>
    public bool ActiveLevel { get; }
}
