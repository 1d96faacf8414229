using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Actions;
using SmartCampus.Edge.Rules.Alarms;

namespace SmartCampus.Edge.Rules.Definitions;

/// <summary>
/// Raises an alarm when a numeric point stays beyond a limit for a duration, and clears it on the other side of a
/// clear level (hysteresis). For <see cref="ThresholdDirection.Above"/>: raise when value &gt; <see cref="Limit"/>
/// has held for <see cref="For"/>, clear when value &lt; <see cref="ClearLevel"/>, with ClearLevel &lt;= Limit.
/// <see cref="ThresholdDirection.Below"/> mirrors it: raise when value &lt; Limit, clear when value &gt;
/// ClearLevel, with ClearLevel &gt;= Limit. <see cref="ThresholdDirection.Outside"/> watches a band: raise when
/// value &gt; Limit or value &lt; <see cref="LowLimit"/> has held for For (the value may cross from one side to the
/// other without restarting the duration, because it never came back inside), clear when <see cref="LowClearLevel"/>
/// &lt; value &lt; ClearLevel, with LowLimit &lt;= LowClearLevel &lt; ClearLevel &lt;= Limit.
/// A value exactly at a level neither raises nor clears.
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
        : this(id, point, direction, (limit, clearLevel), null, forDuration, severity, actions, unit)
    {
    }

    private ThresholdRuleDefinition(
        string id,
        PointId point,
        ThresholdDirection direction,
        (double Limit, double Clear) high,
        (double Limit, double Clear)? low,
        TimeSpan forDuration,
        AlarmSeverity severity,
        IEnumerable<RuleAction>? actions,
        string? unit)
        : base(id, point, severity, actions)
    {
        if (!double.IsFinite(high.Limit) || !double.IsFinite(high.Clear)
            || (low is { } band && (!double.IsFinite(band.Limit) || !double.IsFinite(band.Clear))))
        {
            throw new ArgumentException($"Rule '{id}' needs finite numbers as limits and clear levels.", nameof(high));
        }

        if (direction == ThresholdDirection.Outside)
        {
            CheckBand(id, high, low);
        }
        else
        {
            CheckClearLevel(id, direction, high.Limit, high.Clear);
        }

        if (forDuration < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(forDuration), forDuration, $"Rule '{id}' has a negative duration.");
        }

        Direction = direction;
        Limit = high.Limit;
        ClearLevel = high.Clear;
        LowLimit = low?.Limit ?? double.NaN;
        LowClearLevel = low?.Clear ?? double.NaN;
        For = forDuration;
        Unit = string.IsNullOrWhiteSpace(unit) ? null : unit.Trim();
    }

    public ThresholdDirection Direction { get; }

    /// <summary>
    /// The raise level: <c>above</c> or <c>below</c> in the site configuration, in the point's unit; for a band, the
    /// upper limit (<c>above</c>).
    /// </summary>
    public double Limit { get; }

    /// <summary>The clear level: <c>clearBelow</c> or <c>clearAbove</c>, in the point's unit; for a band, <c>clearBelow</c>.</summary>
    public double ClearLevel { get; }

    /// <summary>For a band, the lower limit (<c>below</c>); NaN for the one-sided directions.</summary>
    public double LowLimit { get; }

    /// <summary>For a band, the lower clear level (<c>clearAbove</c>); NaN for the one-sided directions.</summary>
    public double LowClearLevel { get; }

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

    /// <summary>
    /// Creates a band rule: raise above <paramref name="above"/> or below <paramref name="below"/>, clear only when the
    /// value is between <paramref name="clearAbove"/> and <paramref name="clearBelow"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The levels are not ordered below &lt;= clearAbove &lt; clearBelow &lt;= above.</exception>
    public static ThresholdRuleDefinition Outside(
        string id,
        PointId point,
        (double Above, double ClearBelow) high,
        (double Below, double ClearAbove) low,
        TimeSpan forDuration,
        AlarmSeverity severity,
        IEnumerable<RuleAction>? actions = null,
        string? unit = null) =>
        new(id, point, ThresholdDirection.Outside, (high.Above, high.ClearBelow), (low.Below, low.ClearAbove), forDuration, severity, actions, unit);

    /// <summary>Whether <paramref name="value"/> is on the raising side of the limit (either side for a band).</summary>
    public bool IsBeyondLimit(double value) => Direction switch
    {
        ThresholdDirection.Above => value > Limit,
        ThresholdDirection.Below => value < Limit,
        _ => value > Limit || value < LowLimit,
    };

    /// <summary>Whether <paramref name="value"/> is past the clear level, back on the normal side (inside both clear levels for a band).</summary>
    public bool IsPastClearLevel(double value) => Direction switch
    {
        ThresholdDirection.Above => value < ClearLevel,
        ThresholdDirection.Below => value > ClearLevel,
        _ => value > LowClearLevel && value < ClearLevel,
    };

    /// <summary>Whether <paramref name="value"/> is above the upper limit; for the texts of a band alarm.</summary>
    public bool IsAboveLimit(double value) => Direction != ThresholdDirection.Below && value > Limit;

    private static void CheckBand(string id, (double Limit, double Clear) high, (double Limit, double Clear)? low)
    {
        if (low is not { } band)
        {
            throw new ArgumentNullException(nameof(low), $"Rule '{id}' watches a band and needs a lower limit.");
        }

        if (high.Clear > high.Limit)
        {
            throw new ArgumentOutOfRangeException(nameof(high), high.Clear, $"Rule '{id}': clearBelow must be at most above ({high.Limit}).");
        }

        if (band.Clear < band.Limit)
        {
            throw new ArgumentOutOfRangeException(nameof(low), band.Clear, $"Rule '{id}': clearAbove must be at least below ({band.Limit}).");
        }

        if (band.Clear >= high.Clear)
        {
            throw new ArgumentOutOfRangeException(
                nameof(low), band.Clear, $"Rule '{id}': clearAbove must be lower than clearBelow ({high.Clear}), or the alarm can never clear.");
        }
    }

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
