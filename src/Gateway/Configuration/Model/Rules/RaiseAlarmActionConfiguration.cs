namespace SmartCampus.Edge.Gateway.Configuration.Model.Rules;

/// <summary>
/// Raises a named alarm shared by every rule that names it (<c>raiseAlarm</c>), such as one building-wide air-quality
/// alarm for all classroom CO2 rules. Every rule that names it must give the same severity, latching and text.
/// </summary>
public sealed record RaiseAlarmActionConfiguration : RuleActionConfiguration
{
    /// <summary>Alarm id, unique among rule ids; it is the rule id of the alarm records.</summary>
    public required string Name { get; init; }

    public required AlarmSeverity Severity { get; init; }

    /// <summary>Whether the alarm needs an on-site reset after the last raising rule clears (<c>latched</c>, default false).</summary>
    public bool Latched { get; init; }

    /// <summary>Operator text in zh-CN and en.</summary>
    public required NoticeText Text { get; init; }
}
