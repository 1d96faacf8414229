using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Model.Rules;
using SmartCampus.Edge.Gateway.Configuration.Resources;

namespace SmartCampus.Edge.Gateway.Configuration.Reading.Rules;

/// <summary>
/// Reads a <c>raiseAlarm</c> action: the alarm name, <c>severity</c>, <c>latched</c> and <c>text</c> in zh-CN and en.
/// The name must differ from every rule id, and every rule that names it must define it the same way.
/// </summary>
internal static class RaiseAlarmReader
{
    private static readonly ChoiceSet<AlarmSeverity> Severities = new(
        ("critical", AlarmSeverity.Critical),
        ("major", AlarmSeverity.Major),
        ("minor", AlarmSeverity.Minor),
        ("warning", AlarmSeverity.Warning));

    /// <summary>Returns the action, or null when a key is missing or invalid or the name clashes.</summary>
    public static RaiseAlarmActionConfiguration? Read(MappingReader action, ValueReader nameValue, RuleReadScope scope)
    {
        var name = nameValue.RequiredId("building-a-air");
        var severity = action.Key("severity").RequiredChoice(Severities);
        var latched = action.Key("latched").OptionalBoolean("true");
        var text = action.Key("text").RequiredMapping(NoticeTextReader.Example);
        var noticeText = text is null ? null : NoticeTextReader.Read(text);
        // A definition with a reported problem is not recorded, so it cannot also conflict with a later correct one.
        if (name is null || severity is null || noticeText is null || noticeText.ZhCn.Length == 0 || noticeText.En.Length == 0)
        {
            return null;
        }

        if (scope.IsRuleId(name))
        {
            nameValue.Report(ConfigurationProblemKind.DuplicateId, name, new ProblemMessage(MessageKeys.RaiseAlarmNameIsRule, name, $"{name}-alarm"));
            return null;
        }

        var result = new RaiseAlarmActionConfiguration { Name = name, Severity = severity.Value, Latched = latched ?? false, Text = noticeText };
        if (!scope.AddNamedAlarm(result, nameValue, out var firstLine))
        {
            nameValue.Report(ConfigurationProblemKind.InvalidCombination, name, new ProblemMessage(MessageKeys.RaiseAlarmConflict, name, firstLine));
            return null;
        }

        return result;
    }
}
