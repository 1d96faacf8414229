namespace SmartCampus.Edge.Rules.Outputs;

/// <summary>
/// Rule <paramref name="RuleId"/> reset the alarm of <paramref name="TargetRuleId"/>. The engine has already applied
/// it (the outputs of that acknowledgement follow this one), so the host only records it.
/// </summary>
public sealed record ResetAlarmCommand(string TargetRuleId, string RuleId) : RuleOutput(RuleId);
