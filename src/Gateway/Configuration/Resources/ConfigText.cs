using System.Globalization;
using System.Resources;

namespace SmartCampus.Edge.Gateway.Configuration.Resources;

/// <summary>Operator text of the configuration checks, from ConfigText.resx (en) and ConfigText.zh-CN.resx.</summary>
internal static class ConfigText
{
    public static ResourceManager ResourceManager { get; } =
        new("SmartCampus.Edge.Gateway.Configuration.Resources.ConfigText", typeof(ConfigText).Assembly);

    /// <summary>Returns the text for <paramref name="key"/>; a key missing from the neutral resources is a build mistake, so it throws.</summary>
    public static string Get(string key, CultureInfo culture) =>
        ResourceManager.GetString(key, culture)
        ?? throw new InvalidOperationException($"Resource '{key}' is missing from ConfigText.resx.");
}
