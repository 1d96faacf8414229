using System.Globalization;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.WebConsole.Text;

namespace SmartCampus.Edge.Gateway.WebConsole.Devices;

/// <summary>How a point's value, quality and time are shown, the same on the page and in the live stream.</summary>
internal static class PointFormat
{
    public static string Value(Sample? sample) => sample is null || sample.Quality == SmartCampus.Edge.Contracts.Quality.Bad && sample.Value.Kind == PointValueKind.None
        ? "–"
        : sample.Value.Kind switch
        {
            PointValueKind.Number => sample.Value.Number.ToString("0.###", CultureInfo.InvariantCulture),
            PointValueKind.Boolean => ConsoleText.Get(sample.Value.Boolean ? "ValueOn" : "ValueOff"),
            PointValueKind.Text => sample.Value.Text ?? string.Empty,
            _ => "–",
        };

    // The devices stream formats about 2,000 samples a second at 10,000 points, so the known qualities take
    // constant keys and classes instead of building them from the enum's name each time.
    public static string Quality(Sample? sample) => sample?.Quality switch
    {
        null => "–",
        SmartCampus.Edge.Contracts.Quality.Good => ConsoleText.Get("QualityGood"),
        SmartCampus.Edge.Contracts.Quality.Bad => ConsoleText.Get("QualityBad"),
        SmartCampus.Edge.Contracts.Quality.Stale => ConsoleText.Get("QualityStale"),
        { } other => ConsoleText.Get($"Quality{other}"),
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
        sample is null ? "–" : sample.GatewayTime.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>Online, offline or unknown (no event yet), as text and as a CSS class.</summary>
    public static (string Text, string Class) Online(bool? online) => online switch
    {
        true => (ConsoleText.Get("DeviceOnline"), "good"),
        false => (ConsoleText.Get("DeviceOffline"), "bad"),
        null => (ConsoleText.Get("DeviceUnknown"), "none"),
    };
}
