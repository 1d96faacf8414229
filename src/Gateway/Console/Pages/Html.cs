using System.Globalization;
using System.Text.Encodings.Web;

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

        if (value.TotalHours >= 1)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{(int)value.TotalHours} h {value.Minutes:00} min");
        }

        return value.TotalMinutes >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{value.Minutes} min {value.Seconds:00} s")
            : string.Create(CultureInfo.InvariantCulture, $"{value.Seconds} s");
    }

    /// <summary>A hidden field with the anti-forgery token; every form that posts carries one.</summary>
    public static string Csrf(string token) => $"<input type=\"hidden\" name=\"{ConsoleForms.CsrfField}\" value=\"{E(token)}\">";
}
