using System.Globalization;

namespace SmartCampus.Edge.Rules.Text;

/// <summary>
/// A duration in the largest whole unit that fits, worded as in alarm texts: "15 min", "1 h", "0.5 s" (zh-CN
/// "15 分钟", "1 小时", "0.5 秒"). Hosts use it for fixed durations such as shelve and pulse choices.
/// </summary>
public static class DurationText
{
    public static string Format(TimeSpan duration, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return RuleText.FormatDuration(duration, culture);
    }
}
