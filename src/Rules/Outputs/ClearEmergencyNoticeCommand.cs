namespace SmartCampus.Edge.Rules.Outputs;

/// <summary>Withdraws the emergency notice <paramref name="NoticeId"/> from <paramref name="Target"/> because its alarm cleared.</summary>
public sealed record ClearEmergencyNoticeCommand(string Target, string RuleId, string NoticeId) : RuleOutput(RuleId)
{
    /// <summary>The boards by location that the notice went to; null for one board or all.</summary>
    public Actions.BoardGroup? Group { get; init; }
}

