using System.Globalization;
using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Hosting;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SmartCampus.Edge.Gateway.CommandLine.Help;

/// <summary>
/// The language of the command line's own texts (help, parse errors, descriptions), known before the command line
/// is parsed: <c>--language</c>/<c>-l</c>, else gateway.language of the file given with <c>--config</c>/<c>-c</c>
/// (or of the installed campus.yaml), else the system language. The commands themselves apply the same order.
/// </summary>
internal static class CliLanguage
{
    private static readonly string[] LanguageNames = ["--language", "-l"];
    private static readonly string[] ConfigNames = ["--config", "-c"];

    /// <summary>The language named on the command line; null when none or an unsupported one is named.</summary>
    public static CultureInfo? FromArguments(IReadOnlyList<string> args)
    {
        var language = ValueOf(args, LanguageNames);
        return language is not null && OperatorCulture.IsSupported(language) ? CultureInfo.GetCultureInfo(language) : null;
    }

    /// <summary>
    /// The value of <c>--language</c>/<c>-l</c> when it names no supported language; null when it is supported or absent.
    /// </summary>
    public static string? UnsupportedArgument(IReadOnlyList<string> args) =>
        ValueOf(args, LanguageNames) is { } language && !OperatorCulture.IsSupported(language) ? language : null;

    /// <summary>
    /// gateway.language of the file named with <c>--config</c>/<c>-c</c> when it is set to something other than a
    /// supported language; null when it is valid, absent, or the file cannot be read (the command reports that itself).
    /// </summary>
    public static string? UnsupportedInConfiguration(IReadOnlyList<string> args) =>
        ValueOf(args, ConfigNames) is { } path ? MessageCultureResolver.UnsupportedLanguage(ReadRoot(path)) : null;

    /// <summary>True when the command line names a configuration file with <c>--config</c>/<c>-c</c>.</summary>
    public static bool NamesConfiguration(IReadOnlyList<string> args) => ValueOf(args, ConfigNames) is not null;

    /// <summary>
    /// gateway.language of the configuration file the command would read, when it can be read. Only that key is
    /// read: a file with other problems still gives its language, and a file that cannot be read gives null.
    /// </summary>
    public static CultureInfo? FromConfiguration(IReadOnlyList<string> args, string installedPath)
    {
        var root = ReadRoot(ValueOf(args, ConfigNames) ?? installedPath);

        // Without a valid gateway.language this gives the system language, which the caller has already.
        return root is null ? null : MessageCultureResolver.Resolve(null, root);
    }

    private static YamlMappingNode? ReadRoot(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            var yaml = new YamlStream();
            using (var reader = new StreamReader(path))
            {
                yaml.Load(reader);
            }

            return yaml.Documents.Count > 0 ? yaml.Documents[0].RootNode as YamlMappingNode : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or YamlException)
        {
            return null;
        }
    }

    /// <summary>The value after <c>--name value</c>, <c>--name=value</c> or <c>--name:value</c>; the last one wins, as in System.CommandLine.</summary>
    private static string? ValueOf(IReadOnlyList<string> args, string[] names)
    {
        string? value = null;
        for (var index = 0; index < args.Count; index++)
        {
            var token = args[index];
            if (token == "--")
            {
                break;
            }

            if (names.Contains(token, StringComparer.Ordinal) && index + 1 < args.Count)
            {
                value = args[++index];
                continue;
            }

            foreach (var name in names)
            {
                if (token.Length > name.Length + 1 && token.StartsWith(name, StringComparison.Ordinal) && token[name.Length] is '=' or ':')
                {
                    value = token[(name.Length + 1)..];
                }
            }
        }

        return value;
    }
}
