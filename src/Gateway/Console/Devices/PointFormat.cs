using System.Globalization;
using System.Text.Json;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.WebConsole.Text;

namespace SmartCampus.Edge.Gateway.WebConsole.Devices;

/// <summary>How a point's value, quality and time are shown, the same on the page and in the live stream.</summary>
internal static class PointFormat
{
    private const string NumberFormat = "0.###";

    private const string NoValue = "–";

    private const string TimeFormat = "HH:mm:ss";

    // Longer numbers ("0.###" writes every integer digit of a large double) fall back to a string.
    private const int FormatChars = 64;

    /// <param name="booleans">The words for true and false of the site's points; on/off when null.</param>
    public static string Value(Sample? sample, BooleanTexts? booleans = null) => sample is null || sample.Quality == SmartCampus.Edge.Contracts.Quality.Bad && sample.Value.Kind == PointValueKind.None
        ? NoValue
        : sample.Value.Kind switch
        {
            PointValueKind.Number => sample.Value.Number.ToString(NumberFormat, CultureInfo.InvariantCulture),
            PointValueKind.Boolean => (booleans ?? BooleanTexts.None).Format(sample.Point, sample.Value.Boolean),
            PointValueKind.Text => sample.Value.Text ?? string.Empty,
            _ => NoValue,
        };

    // The devices stream formats about 2,000 samples a second at 10,000 points, so the known qualities take
    // constant keys and classes instead of building them from the enum's name each time.
    /// <summary><paramref name="value"/> followed by its unit ("2040 ppm"), or alone when the point has none.</summary>
    public static string WithUnit(string value, string? unit) => string.IsNullOrEmpty(unit) ? value : $"{value} {unit}";

    /// <summary>False for the "–" of a point without a value, which is shown without its unit instead of as "– °C".</summary>
    public static bool ShowsUnit(string value) => value != NoValue;

    /// <summary>The offline device's last error as a line for the page, or empty when it has none.</summary>
    public static string OfflineReason(string? reason) =>
        string.IsNullOrEmpty(reason) ? string.Empty : ConsoleText.Format("DeviceOfflineReason", reason);

    public static string Quality(Sample? sample) => sample is null ? "–" : Quality(sample.Quality);

    public static string Quality(Contracts.Quality quality) => quality switch
    {
        SmartCampus.Edge.Contracts.Quality.Good => ConsoleText.Get("QualityGood"),
        SmartCampus.Edge.Contracts.Quality.Bad => ConsoleText.Get("QualityBad"),
        SmartCampus.Edge.Contracts.Quality.Stale => ConsoleText.Get("QualityStale"),
        _ => ConsoleText.Get($"Quality{quality}"),
    };

    public static string QualityClass(Sample? sample) => sample?.Quality switch
    {
        null => "none",
        SmartCampus.Edge.Contracts.Quality.Good => "good",
        SmartCampus.Edge.Contracts.Quality.Bad => "bad",
        SmartCampus.Edge.Contracts.Quality.Stale => "stale",
        { } other => other.ToString().ToLowerInvariant(),
    };

    public static string Time(Sample? sample) =>
        sample is null ? "–" : sample.GatewayTime.ToLocalTime().ToString(TimeFormat, CultureInfo.InvariantCulture);

    /// <summary>Writes <see cref="Value"/> as a JSON string; a number is formatted on the stack instead of into a string.</summary>
    public static void WriteValue(Utf8JsonWriter json, ReadOnlySpan<byte> propertyName, Sample sample, BooleanTexts booleans)
    {
        Span<char> text = stackalloc char[FormatChars];
        if (sample.Value.Kind == PointValueKind.Number
            && sample.Value.Number.TryFormat(text, out var written, NumberFormat, CultureInfo.InvariantCulture))
        {
            json.WriteString(propertyName, text[..written]);
            return;
        }

        json.WriteString(propertyName, Value(sample, booleans));
    }

    /// <summary>Writes <see cref="Time"/> as a JSON string, formatted on the stack.</summary>
    public static void WriteTime(Utf8JsonWriter json, ReadOnlySpan<byte> propertyName, Sample sample)
    {
        Span<char> text = stackalloc char[FormatChars];
        if (sample.GatewayTime.ToLocalTime().TryFormat(text, out var written, TimeFormat, CultureInfo.InvariantCulture))
        {
            json.WriteString(propertyName, text[..written]);
            return;
        }

        json.WriteString(propertyName, Time(sample));
    }

    /// <summary>Online, offline or unknown (no event yet), as text and as a CSS class.</summary>
    public static (string Text, string Class) Online(bool? online) => online switch
    {
        true => (ConsoleText.Get("DeviceOnline"), "good"),
        false => (ConsoleText.Get("DeviceOffline"), "bad"),
        null => (ConsoleText.Get("DeviceUnknown"), "none"),
    };
}
