using System.Globalization;
using System.Text;
using SmartCampus.Edge.Rules.Outputs;
using SmartCampus.Edge.Rules.Text;

namespace SmartCampus.Edge.Rules.Testing;

/// <summary>Writes a test run's timeline as text for a technician, one line per output, in en or zh-CN.</summary>
public static class TimelineFormatter
{
    /// <summary>How an entry's offset from the start of the series is written, for example 00:05:00.000.</summary>
    public const string OffsetFormat = @"hh\:mm\:ss\.fff";

    /// <param name="culture">Language of the labels and alarm texts; the current UI culture when null.</param>
    public static string Format(IReadOnlyList<TimelineEntry> timeline, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        culture ??= CultureInfo.CurrentUICulture;

        var text = new StringBuilder();
        if (timeline.Count == 0)
        {
            text.AppendLine(Label("TimelineEmpty", culture));
            return text.ToString();
        }

        foreach (var entry in timeline)
        {
            var offset = entry.Offset.ToString(OffsetFormat, CultureInfo.InvariantCulture);
            var source = entry.Line is { } line ? Label("TimelineLine", culture, line) : Label("TimelineTimed", culture);
            text.Append(CultureInfo.InvariantCulture, $"+{offset}  {source,-8}  ");
            text.AppendLine(entry.Output is { } output ? Describe(output, culture) : DescribeNotApplied(entry.NotApplied, culture));
        }

        return text.ToString();
    }

    private static string DescribeNotApplied(AcknowledgeNotApplied? notApplied, CultureInfo culture) => notApplied is null
        ? string.Empty
        : Label("TimelineAcknowledgeNotApplied", culture, notApplied.RuleId, notApplied.Reason.Format(culture));

    private static string Describe(RuleOutput output, CultureInfo culture) => output switch
    {
        AlarmRaised raised => Label("TimelineRaised", culture, raised.RuleId, Label($"TimelineSeverity{raised.Alarm.Severity}", culture), raised.Alarm.Message.Format(culture)),
        AlarmCleared cleared => Label("TimelineCleared", culture, cleared.RuleId, cleared.Alarm.ClearMessage?.Format(culture) ?? string.Empty),
        AlarmChanged changed => Label("TimelineChanged", culture, changed.RuleId, Label($"TimelineChange{changed.Change}", culture)),
        RuleShelved shelved => Label(shelved.Until is null ? "TimelineUnshelved" : "TimelineShelved", culture, shelved.RuleId),
        SetOutputCommand set => set.Pulse is { } pulse
            ? Label("TimelineSetOutputPulse", culture, set.RuleId, set.Output.ToString(), set.Value.ToString(), RuleText.FormatDuration(pulse, culture))
            : Label("TimelineSetOutput", culture, set.RuleId, set.Output.ToString(), set.Value.ToString()),
        SendNoticeCommand notice => Label(notice.Emergency ? "TimelineEmergencyNotice" : "TimelineNotice", culture, notice.RuleId, notice.Target, notice.Text.Resolve(culture)),
        ClearEmergencyNoticeCommand clear => Label("TimelineNoticeWithdrawn", culture, clear.RuleId, clear.Target),
        WritePointCommand write => Label("TimelineWritePoint", culture, write.RuleId, write.Point.ToString(), write.Value.ToString()),
        PublishCommand publish => Label("TimelinePublish", culture, publish.RuleId, publish.Topic, publish.Payload),
        GateModeCommand gate => Label("TimelineGateMode", culture, gate.RuleId, gate.Gate, gate.Mode.ToString()),
        NotifyDistrictCommand notify => Label("TimelineNotifyDistrict", culture, notify.RuleId, notify.Alarm.AlarmId),
        ResetAlarmCommand reset => Label("TimelineResetAlarm", culture, reset.RuleId, reset.TargetRuleId),
        _ => output.ToString(),
    };

    private static string Label(string key, CultureInfo culture, params object[] arguments) =>
        RuleText.TryFormat(key, culture, arguments) ?? key;
}
