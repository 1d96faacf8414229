using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Actions;
using SmartCampus.Edge.Rules.Alarms;

namespace SmartCampus.Edge.Rules.Definitions;

/// <summary>
/// Raises an alarm when a numeric point stays beyond a limit for a duration, and clears it on the other side of a
/// clear level (hysteresis). For <see cref="ThresholdDirection.Above"/>: raise when value &gt; <see cref="Limit"/>
/// has held for <see cref="For"/>, clear when value &lt; <see cref="ClearLevel"/>, with ClearLevel &lt;= Limit.
/// <see cref="ThresholdDirection.Below"/> mirrors it: raise when value &lt; Limit, clear when value &gt;
/// ClearLevel, with ClearLevel &gt;= Limit. A value exactly at a level neither raises nor clears.
/// </summary>
public sealed record ThresholdRuleDefinition : RuleDefinition
{
    /// <exception cref="ArgumentException">A level is not a finite number.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The clear level is on the raising side of the limit, or the duration is negative.</exception>
    public ThresholdRuleDefinition(
        string id,
        PointId point,
        ThresholdDirection direction,
        double limit,
        double clearLevel,
        TimeSpan forDuration,
        AlarmSeverity severity,
        IEnumerable<RuleAction>? actions = null,
        string? unit = null)
        : base(id, point, severity, actions)
    {
        if (!double.IsFinite(limit) || !double.IsFinite(clearLevel))
        {
            throw new ArgumentException($"Rule '{id}' needs finite numbers as limit and clear level.", nameof(limit));
        }

        CheckClearLevel(id, direction, limit, clearLevel);
        if (forDuration < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(forDuration), forDuration, $"Rule '{id}' has a negative duration.");
        }

        Direction = direction;
        Limit = limit;
        ClearLevel = clearLevel;
        For = forDuration;
        Unit = string.IsNullOrWhiteSpace(unit) ? null : unit.Trim();
    }

    public ThresholdDirection Direction { get; }

    /// <summary>The raise level: <c>above</c> or <c>below</c> in the site configuration, in the point's unit.</summary>
    public double Limit { get; }

    /// <summary>The clear level: <c>clearBelow</c> or <c>clearAbove</c>, in the point's unit.</summary>
    public double ClearLevel { get; }

    /// <summary>Time the value must stay beyond the limit, on the monotonic clock, before the alarm is raised; zero raises at once.</summary>
    public TimeSpan For { get; }

    /// <summary>Engineering unit of the point ("ppm", "°C") for alarm texts; null when the point has none.</summary>
    public string? Unit { get; }

    /// <summary>Creates a high-limit rule: raise above <paramref name="above"/>, clear below <paramref name="clearBelow"/>.</summary>
    public static ThresholdRuleDefinition Above(
        string id,
        PointId point,
        double above,
        double clearBelow,
        TimeSpan forDuration,
        AlarmSeverity severity,
        IEnumerable<RuleAction>? actions = null,
        string? unit = null) =>
        new(id, point, ThresholdDirection.Above, above, clearBelow, forDuration, severity, actions, unit);

    /// <summary>Creates a low-limit rule: raise below <paramref name="below"/>, clear above <paramref name="clearAbove"/>.</summary>
    public static ThresholdRuleDefinition Below(
        string id,
        PointId point,
        double below,
        double clearAbove,
        TimeSpan forDuration,
        AlarmSeverity severity,
        IEnumerable<RuleAction>? actions = null,
        string? unit = null) =>
        new(id, point, ThresholdDirection.Below, below, clearAbove, forDuration, severity, actions, unit);

    /// <summary>Whether <paramref name="value"/> is on the raising side of the limit.</summary>
    public bool IsBeyondLimit(double value) =>
        Direction == ThresholdDirection.Above ? value > Limit : value < Limit;

    /// <summary>Whether <paramref name="value"/> is past the clear level, back on the normal side.</summary>
    public bool IsPastClearLevel(double value) =>
        Direction == ThresholdDirection.Above ? value < ClearLevel : value > ClearLevel;

    private static void CheckClearLevel(string id, ThresholdDirection direction, double limit, double clearLevel)
    {
        switch (direction)
        {
            case ThresholdDirection.Above when clearLevel > limit:
                throw new ArgumentOutOfRangeException(
                    nameof(clearLevel), clearLevel, $"Rule '{id}': clearBelow must be at most above ({limit}).");

            case ThresholdDirection.Below when clearLevel < limit:
                throw new ArgumentOutOfRangeException(
                    nameof(clearLevel), clearLevel, $"Rule '{id}': clearAbove must be at least below ({limit}).");

            case ThresholdDirection.Above or ThresholdDirection.Below:
                return;

            default:
                throw new ArgumentOutOfRangeException(nameof(direction), direction, $"Rule '{id}' has an unknown direction.");
        }
    }
}
