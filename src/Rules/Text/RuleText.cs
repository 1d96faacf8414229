using System.Globalization;
using System.Resources;

namespace SmartCampus.Edge.Rules.Text;

/// <summary>Operator-facing texts of the rule engine from RuleText.resx (en) and RuleText.zh-CN.resx.</summary>
internal static class RuleText
{
    internal static readonly ResourceManager Resources = new("SmartCampus.Edge.Rules.Text.RuleText", typeof(RuleText).Assembly);

    /// <summary>Formats the resource <paramref name="key"/>; returns null when no culture has that key.</summary>
    public static string? TryFormat(string key, CultureInfo culture, IReadOnlyList<object> arguments)
    {
        var template = Resources.GetString(key, culture);
        if (template is null)
        {
            return null;
        }

        var formatted = arguments.Select(argument => FormatArgument(argument, culture)).ToArray();
        return string.Format(culture, template, formatted);
    }

    /// <summary>Writes a duration in the largest whole unit that fits: "2 min", "1 h", "90 s", "1.5 s".</summary>
    public static string FormatDuration(TimeSpan duration, CultureInfo culture)
    {
        if (duration >= TimeSpan.FromHours(1) && duration.Ticks % TimeSpan.TicksPerHour == 0)
        {
            return Format("DurationHours", culture, duration.TotalHours);
        }

        if (duration >= TimeSpan.FromMinutes(1) && duration.Ticks % TimeSpan.TicksPerMinute == 0)
        {
            return Format("DurationMinutes", culture, duration.TotalMinutes);
        }

        return Format("DurationSeconds", culture, Math.Round(duration.TotalSeconds, 3));
    }

    private static string Format(string key, CultureInfo culture, double number)
    {
        var template = Resources.GetString(key, culture) ?? throw new MissingManifestResourceException($"Resource '{key}' is missing.");
        return string.Format(culture, template, number.ToString("0.###", culture));
    }

    private static string FormatArgument(object argument, CultureInfo culture) => argument switch
    {
        TimeSpan duration => FormatDuration(duration, culture),
        LocalizedText text => text.Resolve(culture),
        TextList list => list.Join(culture),
        IFormattable formattable => formattable.ToString(null, culture),
        _ => argument.ToString() ?? string.Empty,
    };
}
