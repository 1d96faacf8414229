using System.Globalization;
using System.Resources;

namespace SmartCampus.Edge.Drivers.Mqtt;

/// <summary>Operator-facing texts of the campus broker connection from CampusMqttText.resx, in the current UI culture.</summary>
internal static class CampusMqttText
{
    private static readonly ResourceManager Resources = new(typeof(CampusMqttText));

    public static string TlsFileUnusable(string key, string path, string reason) => Format(nameof(TlsFileUnusable), key, path, reason);

    public static string Format(string key, params object[] arguments)
    {
        var template = Resources.GetString(key, CultureInfo.CurrentUICulture)
                       ?? throw new MissingManifestResourceException($"CampusMqttText.{key} is missing.");
        return string.Format(CultureInfo.CurrentCulture, template, arguments);
    }
}
