using System.Globalization;
using System.Resources;

namespace SmartCampus.Edge.Gateway.Resources;

/// <summary>Operator text of the host (CLI and start-up messages) in the current UI culture, en or zh-CN.</summary>
internal static class GatewayText
{
    private static readonly ResourceManager Resources =
        new("SmartCampus.Edge.Gateway.Resources.GatewayText", typeof(GatewayText).Assembly);

    public static string Get(string name) => GetIn(name, CultureInfo.CurrentUICulture);

    /// <summary>Returns the text in <paramref name="culture"/>, for texts formatted in another language than the UI's.</summary>
    public static string GetIn(string name, CultureInfo culture) =>
        Resources.GetString(name, culture)
        ?? throw new InvalidOperationException($"Resource string '{name}' is missing from GatewayText.resx.");

    public static string Format(string name, params object?[] arguments) =>
        string.Format(CultureInfo.CurrentCulture, Get(name), arguments);
}
