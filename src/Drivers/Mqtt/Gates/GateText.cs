using System.Globalization;
using System.Resources;

namespace SmartCampus.Edge.Drivers.Mqtt.Gates;

/// <summary>Operator-facing gate messages from GateText.resx, in the current UI culture.</summary>
internal static class GateText
{
    private static readonly ResourceManager Resources = new(typeof(GateText));

    public static string HeldOpen(string gateId, string holder, string command) => Format(nameof(HeldOpen), gateId, holder, command);

    public static string NoAcknowledgement(string gateId, double seconds) => Format(nameof(NoAcknowledgement), gateId, seconds);

    public static string ControllerFailed(string gateId, string reason) => Format(nameof(ControllerFailed), gateId, reason);

    public static string NotDelivered(string gateId, string reason) => Format(nameof(NotDelivered), gateId, reason);

    public static string UnknownPoint(string gateId, string point) => Format(nameof(UnknownPoint), gateId, point);

    private static string Format(string key, params object[] arguments)
    {
        var template = Resources.GetString(key, CultureInfo.CurrentUICulture)
                       ?? throw new MissingManifestResourceException($"GateText.{key} is missing.");
        return string.Format(CultureInfo.CurrentCulture, template, arguments);
    }
}
