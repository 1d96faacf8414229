using SmartCampus.Edge.Rules.Text;

namespace SmartCampus.Edge.Rules.Outputs;

/// <summary>
/// Shows a notice on a class board, on every board when <paramref name="Target"/> is "all", or on the boards of
/// <see cref="Group"/>. <paramref name="NoticeId"/> is unique per raise, and a later
/// <see cref="ClearEmergencyNoticeCommand"/> names it.
/// </summary>
public sealed record SendNoticeCommand(string Target, LocalizedText Text, bool Emergency, string RuleId, string NoticeId)
    : RuleOutput(RuleId)
{
    /// <summary>The boards by location, for the host to resolve when it sends; null for one board or all.</summary>
    public Actions.BoardGroup? Group { get; init; }
}
