namespace SmartCampus.Edge.Rules.Outputs;

/// <summary>Withdraws the emergency notice <paramref name="NoticeId"/> from <paramref name="Target"/> because its alarm cleared.</summary>
public sealed record ClearEmergencyNoticeCommand(string Target, string RuleId, string NoticeId) : RuleOutput(RuleId);

