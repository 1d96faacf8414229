using System.Globalization;
using System.Text.Encodings.Web;
using SmartCampus.Edge.Rules.Text;

namespace SmartCampus.Edge.Gateway.WebConsole.Pages;

/// <summary>HTML encoding helpers: every value that reaches a page goes through <see cref="E"/>.</summary>
internal static class Html
{
    public static string E(string? text) => HtmlEncoder.Default.Encode(text ?? string.Empty);

    public static string Time(DateTimeOffset? time) =>
        time is { } value ? E(value.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)) : "–";

    /// <summary>A duration as technicians read it: 1 h 05 min, 3 min 20 s, 12 s.</summary>
    public static string Duration(TimeSpan? duration)
    {
        if (duration is not { } value)
        {
            return "–";
        }

        // Units come from the resources: a zh-CN page reads 1 小时 00 分, not 1 h 00 min.
        if (value.TotalHours >= 1)
        {
            return Text.ConsoleText.Format("DurationHours", (int)value.TotalHours, value.Minutes.ToString("00", CultureInfo.InvariantCulture));
        }

        return value.TotalMinutes >= 1
            ? Text.ConsoleText.Format("DurationMinutes", value.Minutes, value.Seconds.ToString("00", CultureInfo.InvariantCulture))
            : Text.ConsoleText.Format("DurationSeconds", value.Seconds);
    }

    /// <summary>
    /// A duration offered as a choice, in its largest whole unit: 15 min, 1 h, 0.5 s (zh-CN 15 分钟, 1 小时, 0.5 秒).
    /// A countdown uses <see cref="Duration"/> instead, because there the smaller unit changes.
    /// </summary>
    public static string Choice(TimeSpan duration) => DurationText.Format(duration, CultureInfo.CurrentUICulture);

    /// <summary>A hidden field with the anti-forgery token; every form that posts carries one.</summary>
    public static string Csrf(string token) => $"<input type=\"hidden\" name=\"{ConsoleForms.CsrfField}\" value=\"{E(token)}\">";
}
