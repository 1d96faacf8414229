using System.Text.RegularExpressions;
using SmartCampus.Edge.Gateway.Configuration.Resources;
using YamlDotNet.Core;

namespace SmartCampus.Edge.Gateway.Configuration.Loading;

/// <summary>
/// Turns a YamlDotNet syntax error into a message in the technician's language that names the likely cause and the
/// fix. YamlDotNet's own text is English and names parser states ("While scanning a simple key"), so it is kept only
/// for errors no rule below recognises.
/// </summary>
internal static partial class YamlSyntaxMessage
{
    /// <summary>
    /// Phrases of YamlDotNet 16.3's scanner and parser errors, each with the message for it, matched in order and
    /// ignoring case. A tab is named first, because YamlDotNet reports it under several parser states.
    /// </summary>
    private static readonly (string Phrase, string Key)[] Rules =
    [
        ("tab", MessageKeys.YamlSyntaxTab),
        ("quoted scalar, found unexpected end of stream", MessageKeys.YamlSyntaxUnclosedQuote),
        ("quoted scalar, found unexpected document indicator", MessageKeys.YamlSyntaxUnclosedQuote),
        ("double-quoted scalar, found wrong indentation", MessageKeys.YamlSyntaxUnclosedQuote),
        ("unknown escape character", MessageKeys.YamlSyntaxEscape),
        ("expected hexadecimal number", MessageKeys.YamlSyntaxEscape),
        ("Unicode character escape", MessageKeys.YamlSyntaxEscape),
        ("could not find expected ':'", MessageKeys.YamlSyntaxMissingColon),
        ("Mapping values are not allowed", MessageKeys.YamlSyntaxColonInValue),
        ("found invalid mapping", MessageKeys.YamlSyntaxColonInValue),
        ("did not find expected key", MessageKeys.YamlSyntaxIndentation),
        ("did not find expected '-' indicator", MessageKeys.YamlSyntaxIndentation),
        ("Block sequence entries are not allowed", MessageKeys.YamlSyntaxIndentation),
        ("Mapping keys are not allowed", MessageKeys.YamlSyntaxIndentation),
        ("flow sequence", MessageKeys.YamlSyntaxFlow),
        ("flow mapping", MessageKeys.YamlSyntaxFlow),
        ("flow entry", MessageKeys.YamlSyntaxFlow),
        ("anchor", MessageKeys.YamlSyntaxAnchor),
        ("cannot start any token", MessageKeys.YamlSyntaxReservedCharacter),
    ];

    public static ProblemMessage Describe(YamlException exception)
    {
        var text = LibraryText(exception);
        foreach (var (phrase, key) in Rules)
        {
            if (text.Contains(phrase, StringComparison.OrdinalIgnoreCase))
            {
                return new ProblemMessage(key);
            }
        }

        return new ProblemMessage(MessageKeys.YamlSyntax, text);
    }

    /// <summary>YamlDotNet's sentence without the "(Line: 3, Col: 5, Idx: 20) - (…): " prefix, which the report already shows as file:line:column.</summary>
    private static string LibraryText(YamlException exception) => PositionPrefix().Replace(exception.Message, string.Empty);

    [GeneratedRegex(@"^\(Line: [^)]*\) - \(Line: [^)]*\): ")]
    private static partial Regex PositionPrefix();
}
