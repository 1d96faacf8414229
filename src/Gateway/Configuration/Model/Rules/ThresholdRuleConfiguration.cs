namespace SmartCampus.Edge.Gateway.Configuration.Model.Rules;

/// <summary>
/// A numeric point past a limit for a duration; kind threshold. The clear limit lies strictly on the safe side of
/// the limit, so a value hovering at the limit raises at most one alarm.
/// </summary>
public sealed record ThresholdRuleConfiguration : RuleConfiguration
{
    public required ThresholdDirection Direction { get; init; }

    /// <summary>Raise level: the value of above or below (above for a band).</summary>
    public required double Limit { get; init; }

    /// <summary>Clear level: the value of clearBelow (below <see cref="Limit"/>) or clearAbove (above it).</summary>
    public required double ClearLimit { get; init; }

    /// <summary>For <see cref="ThresholdDirection.Outside"/>: the lower raise level, the value of below; else unused.</summary>
    public double LowLimit { get; init; }

    /// <summary>For <see cref="ThresholdDirection.Outside"/>: the lower clear level, the value of clearAbove; else unused.</summary>
    public double LowClearLimit { get; init; }

    /// <summary>How long the value must stay past the limit before the rule raises; default zero.</summary>
    public required TimeSpan For { get; init; }
}
