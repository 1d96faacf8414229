using SmartCampus.Edge.Rules.Text;

namespace SmartCampus.Edge.Rules.Outputs;

/// <summary>
/// Shows a notice on a class board, or on every board when <paramref name="Target"/> is "all".
/// <paramref name="NoticeId"/> is unique per raise, and a later <see cref="ClearEmergencyNoticeCommand"/> names it.
/// </summary>
public sealed record SendNoticeCommand(string Target, LocalizedText Text, bool Emergency, string RuleId, string NoticeId)
    : RuleOutput(RuleId);
