namespace SmartCampus.Edge.Rules.Actions;

/// <summary>
/// Resets the alarm of another rule when this rule raises, as an on-site acknowledgement would: a reset button wired
/// to the gateway that clears a latched fire alarm once the fire input is back to normal (<c>clearAlarm</c>). The
/// named rule must come earlier in the rule list.
/// </summary>
public sealed record ResetAlarmAction : RuleAction
{
    public ResetAlarmAction(string ruleId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ruleId);
        RuleId = ruleId;
    }

    /// <summary>Id of the rule whose alarm is reset; for a pattern rule, one instance id such as <c>co2-high@room-201</c>.</summary>
    public string RuleId { get; }
}
