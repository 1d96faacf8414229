namespace SmartCampus.Edge.Gateway.Configuration.Model.Rules;

/// <summary>
/// A point that stops reporting: no good sample for <see cref="StaleAfter"/> raises a fault alarm, so a silent
/// smoke input is never read as "no fire" (<c>kind: stale</c>).
/// </summary>
public sealed record StaleRuleConfiguration : RuleConfiguration
{
    public required TimeSpan StaleAfter { get; init; }
}
