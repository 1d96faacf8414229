using System.Globalization;
using System.Resources;

namespace SmartCampus.Edge.Gateway.CommandLine.Technician;

/// <summary>Output of the technician commands (devices, gpio, mqtt, outbox) in the current UI culture, en or zh-CN.</summary>
internal static class TechnicianText
{
    private static readonly ResourceManager Resources =
        new("SmartCampus.Edge.Gateway.CommandLine.Technician.TechnicianText", typeof(TechnicianText).Assembly);

    public static string Get(string name) =>
        Resources.GetString(name, CultureInfo.CurrentUICulture)
        ?? throw new InvalidOperationException($"Resource string '{name}' is missing from TechnicianText.resx.");

    public static string Format(string name, params object?[] arguments) =>
        string.Format(CultureInfo.CurrentCulture, Get(name), arguments);
}
