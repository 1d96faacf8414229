using System.Globalization;

namespace SmartCampus.Edge.Gateway.Hosting;

/// <summary>The language of everything an operator reads: zh-CN or en.</summary>
internal static class OperatorCulture
{
    public static readonly IReadOnlyList<string> Supported = ["zh-CN", "en"];

    public static bool IsSupported(string language) =>
        Supported.Contains(language, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Makes <paramref name="language"/> the UI culture of this thread and of every thread started later.
    /// A null language keeps the system culture, whose resources fall back to English when it is neither.
    /// </summary>
    public static void Apply(string? language)
    {
        if (string.IsNullOrWhiteSpace(language))
        {
            return;
        }

        var culture = CultureInfo.GetCultureInfo(language);
        CultureInfo.DefaultThreadCurrentUICulture = culture;
        CultureInfo.CurrentUICulture = culture;
    }
}
