using System.Globalization;
using SmartCampus.Edge.Gateway.Configuration.Reading.Site;
using YamlDotNet.RepresentationModel;

namespace SmartCampus.Edge.Gateway.Configuration.Loading;

/// <summary>
/// Picks the language of the problem messages: the caller's choice (the check command's option), else the file's
/// gateway.language when it is valid, else the current UI culture. Any Chinese culture maps to zh-CN and every
/// other culture to en, the two languages of the resources.
/// </summary>
internal static class MessageCultureResolver
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    public static CultureInfo Resolve(CultureInfo? requested, YamlMappingNode? root)
    {
        var culture = requested ?? LanguageOf(root) ?? CultureInfo.CurrentUICulture;
        return culture.TwoLetterISOLanguageName == "zh" ? Chinese : English;
    }

    /// <summary>
    /// Returns the text of gateway.language when it names no supported language, and null when it is valid or absent.
    /// A command uses it to reject the file before it prints anything in the system language.
    /// </summary>
    public static string? UnsupportedLanguage(YamlMappingNode? root) =>
        LanguageText(root) is { } text && !GatewayReader.Languages.TryMatch(text, out _) ? text : null;

    /// <summary>Reads gateway.language before validation, so that the messages about the rest use it.</summary>
    private static CultureInfo? LanguageOf(YamlMappingNode? root) =>
        LanguageText(root) is { } text && GatewayReader.Languages.TryMatch(text, out var name) ? CultureInfo.GetCultureInfo(name) : null;

    private static string? LanguageText(YamlMappingNode? root)
    {
        if (root is null
            || !root.Children.TryGetValue(new YamlScalarNode(SiteSections.Gateway), out var gateway)
            || gateway is not YamlMappingNode gatewayMapping
            || !gatewayMapping.Children.TryGetValue(new YamlScalarNode("language"), out var language)
            || language is not YamlScalarNode { Value: { } text })
        {
            return null;
        }

        return text;
    }
}
