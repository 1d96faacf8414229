using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Actions;
using SmartCampus.Edge.Rules.Alarms;

namespace SmartCampus.Edge.Rules.Definitions;

/// <summary>
/// Raises a fault alarm when the point has sent no good sample for <see cref="Deadline"/>, counted on the monotonic
/// clock from the last good sample, or from the engine's start before the first one. Bad and stale samples do not
/// count as fresh: a smoke input that stops reporting is a fault, never "no fire". The alarm clears on the next good
/// sample (or waits for an on-site reset when latched).
/// </summary>
public sealed record StaleRuleDefinition : RuleDefinition
{
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="deadline"/> is zero or negative.</exception>
    public StaleRuleDefinition(string id, PointId point, TimeSpan deadline, AlarmSeverity severity, IEnumerable<RuleAction>? actions = null)
        : base(id, point, severity, actions)
    {
        if (deadline <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(deadline), deadline, $"Rule '{id}' needs a deadline longer than zero.");
        }

        Deadline = deadline;
    }

    /// <summary>Longest time without a good sample before the fault is raised (<c>staleAfter</c>).</summary>
    public TimeSpan Deadline { get; }
}
