using System.Globalization;
using System.Text.RegularExpressions;
using SmartCampus.Edge.Gateway.Configuration.Reading.Site;
using YamlDotNet.RepresentationModel;

namespace SmartCampus.Edge.Gateway.Configuration.Loading;

/// <summary>
/// Picks the language of the problem messages: the caller's choice (the check command's option), else the file's
/// gateway.language when it is valid, else the current UI culture. Any Chinese culture maps to zh-CN and every
/// other culture to en, the two languages of the resources.
/// </summary>
internal static partial class MessageCultureResolver
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    /// <param name="text">
    /// The file's text when it could not be parsed (<paramref name="root"/> is null); gateway.language is then looked
    /// up line by line, so that a syntax error comes out in the file's own language.
    /// </param>
    public static CultureInfo Resolve(CultureInfo? requested, YamlMappingNode? root, string? text = null)
    {
        var culture = requested ?? LanguageOf(root) ?? (root is null && text is not null ? LanguageOfText(text) : null) ?? CultureInfo.CurrentUICulture;
        return culture.TwoLetterISOLanguageName == "zh" ? Chinese : English;
    }

    /// <summary>
    /// Returns the text of gateway.language when it names no supported language, and null when it is valid or absent.
    /// A command uses it to reject the file before it prints anything in the system language.
    /// </summary>
    public static string? UnsupportedLanguage(YamlMappingNode? root) =>
        LanguageText(root) is { } text && !GatewayReader.Languages.TryMatch(text, out _) ? text : null;

    /// <summary>
    /// Best effort for text that is not valid YAML: the first <c>language:</c> line indented under a <c>gateway:</c>
    /// line at the left margin, its value without quotes and comment. Null when there is none or it is not a
    /// supported language; a block written in flow style (<c>gateway: {language: zh-CN}</c>) is not found.
    /// </summary>
    private static CultureInfo? LanguageOfText(string text)
    {
        var inGateway = false;
        foreach (var line in text.Split('\n'))
        {
            if (line.Length > 0 && !char.IsWhiteSpace(line[0]) && line[0] != '#')
            {
                inGateway = GatewayLine().IsMatch(line);
                continue;
            }

            var match = inGateway ? LanguageLine().Match(line) : Match.Empty;
            if (match.Success)
            {
                return GatewayReader.Languages.TryMatch(match.Groups["value"].Value, out var name) ? CultureInfo.GetCultureInfo(name) : null;
            }
        }

        return null;
    }

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

    [GeneratedRegex(@"^gateway\s*:\s*(#.*)?\r?$", RegexOptions.CultureInvariant)]
    private static partial Regex GatewayLine();

    [GeneratedRegex(@"^\s+language\s*:\s*([""']?)(?<value>[A-Za-z_-]+)\1\s*(#.*)?\r?$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguageLine();
}
