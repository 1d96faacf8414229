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

    public static string Quality(Sample? sample) => sample is null ? "–" : ConsoleText.Get($"Quality{sample.Quality}");

    public static string QualityClass(Sample? sample) => sample?.Quality.ToString().ToLowerInvariant() ?? "none";

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
