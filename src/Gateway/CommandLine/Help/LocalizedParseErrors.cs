using System.CommandLine;
using System.CommandLine.Parsing;
using System.Runtime.CompilerServices;
using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Resources;

namespace SmartCampus.Edge.Gateway.CommandLine.Help;

/// <summary>
/// Parse errors in the technician's language. System.CommandLine 2.0 words its own errors in English (or in its own
/// translations, which are not shipped), so each error is rewritten from what it is about: an unknown token, a
/// missing command, argument or option value, an invalid value. Errors our validators added with
/// <see cref="AddError"/> are already ours and pass through.
/// </summary>
internal static class LocalizedParseErrors
{
    private static readonly ConditionalWeakTable<SymbolResult, List<string>> Ours = [];

    /// <summary>Adds an error in our words to <paramref name="result"/>; use it instead of <see cref="SymbolResult.AddError"/>.</summary>
    public static void AddError(SymbolResult result, string message)
    {
        ArgumentNullException.ThrowIfNull(result);
        Ours.GetOrCreateValue(result).Add(message);
        result.AddError(message);
    }

    public static IReadOnlyList<string> Describe(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var messages = new List<string>();
        foreach (var error in parseResult.Errors)
        {
            if (error.SymbolResult is { } result && Ours.TryGetValue(result, out var ours) && ours.Contains(error.Message))
            {
                messages.Add(error.Message);
                continue;
            }

            var message = error.SymbolResult switch
            {
                OptionResult { Option: VersionOption } version => CliText.Format("ErrorVersionAlone", version.Option.Name),
                ArgumentResult argument => ForArgument(argument),
                OptionResult option => ForOption(option),
                CommandResult command => ForCommand(command, parseResult),
                _ => null,
            };
            if (message != string.Empty)
            {
                messages.Add(message ?? CliText.Format("ErrorOther", string.Join(' ', parseResult.Tokens.Select(token => token.Value))));
            }
        }

        // System.CommandLine reports each unknown token against a command; they are listed once, in order.
        messages.AddRange(parseResult.UnmatchedTokens.Select(token => Unrecognized(token, parseResult.CommandResult)));
        return messages.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The unknown-token error, with the closest subcommand or option of the command it was typed after when one is
    /// near enough (<see cref="KeySuggester"/>). System.CommandLine 2.0.15 has typo suggestions only in its own
    /// English error output, which this command line replaces.
    /// </summary>
    private static string Unrecognized(string token, CommandResult commandResult)
    {
        var suggestion = KeySuggester.Closest(token, Candidates(token, commandResult));
        return suggestion is null
            ? CliText.Format("ErrorUnrecognized", token)
            : CliText.Format("ErrorUnrecognizedSuggestion", token, suggestion);
    }

    /// <summary>
    /// Long option names for a token that starts with a dash, subcommands for any other. Short aliases are left out
    /// because any one-letter typo is a single edit away from each of them.
    /// </summary>
    private static IEnumerable<string> Candidates(string token, CommandResult commandResult)
    {
        var path = LocalizedHelpAction.Path(commandResult);
        var command = path[^1];
        if (!token.StartsWith('-'))
        {
            return command.Subcommands.Where(subcommand => !subcommand.Hidden).SelectMany(subcommand => subcommand.Aliases.Prepend(subcommand.Name));
        }

        var inherited = path.SkipLast(1).SelectMany(parent => parent.Options.Where(option => option.Recursive));
        return command.Options.Concat(inherited)
            .Where(option => !option.Hidden)
            .SelectMany(option => option.Aliases.Prepend(option.Name))
            .Where(name => name.StartsWith("--", StringComparison.Ordinal));
    }

    private static string ForArgument(ArgumentResult result)
    {
        if (result.Tokens.Count == 0)
        {
            var owner = result.Parent is CommandResult command ? LocalizedHelpAction.CommandLine(LocalizedHelpAction.Path(command)) : LocalizedHelpAction.ProgramName;
            return CliText.Format("ErrorArgumentMissing", owner, result.Argument.HelpName ?? result.Argument.Name);
        }

        return CliText.Format("ErrorArgumentInvalid", string.Join(' ', result.Tokens.Select(token => token.Value)), result.Argument.HelpName ?? result.Argument.Name);
    }

    private static string ForOption(OptionResult result)
    {
        if (result.Tokens.Count > 0)
        {
            return CliText.Format("ErrorOptionInvalid", string.Join(' ', result.Tokens.Select(token => token.Value)), result.Option.Name);
        }

        return result.IdentifierToken is null
            ? CliText.Format("ErrorOptionRequired", result.Option.Name)
            : CliText.Format("ErrorOptionValueMissing", result.Option.Name);
    }

    /// <summary>
    /// A command's own errors are unknown tokens (listed from <see cref="ParseResult.UnmatchedTokens"/>) or a
    /// missing subcommand: empty when the unknown tokens explain it, null when it is neither.
    /// </summary>
    private static string? ForCommand(CommandResult result, ParseResult parseResult)
    {
        var command = result.Command;
        var needsSubcommand = command.Action is null && command.Subcommands.Count > 0 && ReferenceEquals(parseResult.CommandResult, result);
        if (needsSubcommand)
        {
            var names = OperatorList.Join(command.Subcommands.Where(subcommand => !subcommand.Hidden).Select(subcommand => subcommand.Name));
            return CliText.Format("ErrorCommandMissing", LocalizedHelpAction.CommandLine(LocalizedHelpAction.Path(result)), names);
        }

        return parseResult.UnmatchedTokens.Count > 0 ? string.Empty : null;
    }
}
