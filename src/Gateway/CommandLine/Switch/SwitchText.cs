using System.Globalization;
using System.Resources;

namespace SmartCampus.Edge.Gateway.CommandLine.Switch;

/// <summary>Output of the <c>switch</c> commands in the current UI culture, en or zh-CN.</summary>
internal static class SwitchText
{
    private static readonly ResourceManager Resources =
        new("SmartCampus.Edge.Gateway.CommandLine.Switch.SwitchText", typeof(SwitchText).Assembly);

    public static string Get(string name) =>
        Resources.GetString(name, CultureInfo.CurrentUICulture)
        ?? throw new InvalidOperationException($"Resource string '{name}' is missing from SwitchText.resx.");

    public static string Format(string name, params object?[] arguments) =>
        string.Format(CultureInfo.CurrentCulture, Get(name), arguments);
}
