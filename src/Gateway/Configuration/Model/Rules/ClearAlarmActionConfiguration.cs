namespace SmartCampus.Edge.Gateway.Configuration.Model.Rules;

/// <summary>Resets the alarm of an earlier rule as an on-site acknowledgement, for a reset button (<c>clearAlarm</c>).</summary>
public sealed record ClearAlarmActionConfiguration : RuleActionConfiguration
{
    /// <summary>Id of a rule listed earlier; a pattern rule resets every instance.</summary>
    public required string RuleId { get; init; }
}
