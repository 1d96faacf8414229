using System.Globalization;
using System.Resources;

namespace SmartCampus.Edge.Drivers.Gpio;

/// <summary>Operator-facing GPIO messages from GpioText.resx, in the current UI culture.</summary>
internal static class GpioText
{
    private static readonly ResourceManager Resources = new(typeof(GpioText));

    public static string LineOpenFailed(int pin, string pointId, string reason) => Format(nameof(LineOpenFailed), pin, pointId, reason);

    public static string LineBusyHint => Get(nameof(LineBusyHint));

    public static string LineAccessDeniedHint => Get(nameof(LineAccessDeniedHint));

    public static string LineOtherHint => Get(nameof(LineOtherHint));

    public static string UnknownPoint(string deviceId, string point) => Format(nameof(UnknownPoint), deviceId, point);

    public static string PointIsInput(string deviceId, string point, int pin) => Format(nameof(PointIsInput), deviceId, point, pin);

    public static string ValueNotBoolean(string deviceId, string point, string value) => Format(nameof(ValueNotBoolean), deviceId, point, value);

    public static string LineUnavailable(string deviceId, string point, int pin, string reason) =>
        Format(nameof(LineUnavailable), deviceId, point, pin, reason);

    public static string DeviceNotRunning(string deviceId) => Format(nameof(DeviceNotRunning), deviceId);

    public static string HardwareUnavailable(string reason) => Format(nameof(HardwareUnavailable), reason);

    private static string Get(string key) =>
        Resources.GetString(key, CultureInfo.CurrentUICulture) ?? throw new MissingManifestResourceException($"GpioText.{key} is missing.");

    private static string Format(string key, params object[] arguments) =>
        string.Format(CultureInfo.CurrentCulture, Get(key), arguments);
}
