using System.Globalization;
using System.Resources;

namespace SmartCampus.Edge.Drivers.I2c;

/// <summary>Operator-facing I2C sensor messages from I2cSensorText.resx, in the current UI culture.</summary>
internal static class I2cSensorText
{
    private static readonly ResourceManager Resources = new(typeof(I2cSensorText));

    public static string PointsReadOnly(string deviceId, string point) => Format(nameof(PointsReadOnly), deviceId, point);

    private static string Format(string key, params object[] arguments)
    {
        var template = Resources.GetString(key, CultureInfo.CurrentUICulture)
                       ?? throw new MissingManifestResourceException($"I2cSensorText.{key} is missing.");
        return string.Format(CultureInfo.CurrentCulture, template, arguments);
    }
}
