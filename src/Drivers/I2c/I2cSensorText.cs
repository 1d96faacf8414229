using System.Globalization;
using System.Resources;

namespace SmartCampus.Edge.Drivers.I2c;

/// <summary>Operator-facing I2C sensor messages from I2cSensorText.resx, in the current UI culture.</summary>
internal static class I2cSensorText
{
    private static readonly ResourceManager Resources = new(typeof(I2cSensorText));

    public static string PointsReadOnly(string deviceId, string point) => Format(nameof(PointsReadOnly), deviceId, point);

    public static string ChipNotAnswering(string deviceId, int busId, string address, string detail) => Format(nameof(ChipNotAnswering), deviceId, busId, address, detail);

    public static string Scd4xCrcError(string deviceId, int busId, string address) => Format(nameof(Scd4xCrcError), deviceId, busId, address);

    public static string Scd4xNoMeasurement(string deviceId, int busId, string address, double seconds) => Format(nameof(Scd4xNoMeasurement), deviceId, busId, address, seconds);

    private static string Format(string key, params object[] arguments)
    {
        var template = Resources.GetString(key, CultureInfo.CurrentUICulture)
                       ?? throw new MissingManifestResourceException($"I2cSensorText.{key} is missing.");
        return string.Format(CultureInfo.CurrentCulture, template, arguments);
    }
}
