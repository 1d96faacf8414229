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

    /// <summary>
    /// Time a new level must hold, on the monotonic clock, before the rule acts on it (<c>debounce</c>, default zero).
    /// It filters contact bounce and short glitches in both directions.
    /// </summary>
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

    private readonly TimeSpan debounce;
}
