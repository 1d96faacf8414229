using System.Globalization;
using System.Resources;

namespace SmartCampus.Edge.Gateway.Resources;

/// <summary>Operator text of the host (CLI and start-up messages) in the current UI culture, en or zh-CN.</summary>
internal static class GatewayText
{
    private static readonly ResourceManager Resources =
        new("SmartCampus.Edge.Gateway.Resources.GatewayText", typeof(GatewayText).Assembly);

    public static string Get(string name) =>
        Resources.GetString(name, CultureInfo.CurrentUICulture)
        ?? throw new InvalidOperationException($"Resource string '{name}' is missing from GatewayText.resx.");

    public static string Format(string name, params object?[] arguments) =>
        string.Format(CultureInfo.CurrentCulture, Get(name), arguments);
}
