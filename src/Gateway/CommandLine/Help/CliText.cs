using System.Globalization;
using System.Resources;

namespace SmartCampus.Edge.Gateway.CommandLine.Help;

/// <summary>The texts System.CommandLine would print in English (help headings, parse errors), in en or zh-CN.</summary>
internal static class CliText
{
    private static readonly ResourceManager Resources =
        new("SmartCampus.Edge.Gateway.CommandLine.Help.CliText", typeof(CliText).Assembly);

    public static string Get(string name) =>
        Resources.GetString(name, CultureInfo.CurrentUICulture)
        ?? throw new InvalidOperationException($"Resource string '{name}' is missing from CliText.resx.");

    /// <summary>Returns the text, or null when the resources have none by that name.</summary>
    public static string? Find(string name) => Resources.GetString(name, CultureInfo.CurrentUICulture);

    public static string Format(string name, params object?[] arguments) =>
        string.Format(CultureInfo.CurrentCulture, Get(name), arguments);
}
