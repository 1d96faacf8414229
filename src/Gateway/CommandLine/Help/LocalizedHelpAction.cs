using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Globalization;

namespace SmartCampus.Edge.Gateway.CommandLine.Help;

/// <summary>
/// <c>--help</c> with every heading and built-in text from <see cref="CliText"/>, so that a technician who chose
/// zh-CN reads no English. System.CommandLine 2.0 keeps its own help builder and texts internal, so this replaces
/// the help option's action. The layout follows System.CommandLine's: description, usage, arguments, options, commands.
/// </summary>
internal sealed class LocalizedHelpAction : SynchronousCommandLineAction
{
    /// <summary>The name the technician types; the root command's own name is the host's (testhost in tests).</summary>
    public const string ProgramName = "smartcampus-edge";

    private const string Indent = "  ";

    public override bool ClearsParseErrors => true;

    /// <summary>
    /// Gives the root's help and version options our texts and this action, and every argument and option its
    /// value placeholder in the technician's language (<c>&lt;文件&gt;</c> in zh-CN), in help and parse errors alike.
    /// </summary>
    public static void Apply(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        NamePlaceholders(root);

        foreach (var option in root.Options)
        {
            if (option is HelpOption help)
            {
                help.Description = CliText.Get("HelpOptionDescription");
                help.Action = new LocalizedHelpAction();
            }
            else if (option is VersionOption version)
            {
                version.Description = CliText.Get("VersionOptionDescription");
            }
        }
    }

    /// <summary>The placeholder of a value name from CliText (key "Placeholder" + the name in Pascal case); null keeps the name.</summary>
    private static string? Placeholder(string name) =>
        CliText.Find("Placeholder" + string.Concat(name.TrimStart('-').Split('-').Select(part => char.ToUpperInvariant(part[0]) + part[1..])));

    private static void NamePlaceholders(Command command)
    {
        foreach (var argument in command.Arguments)
        {
            argument.HelpName ??= Placeholder(argument.Name);
        }

        foreach (var option in command.Options)
        {
            option.HelpName ??= Placeholder(option.Name);
        }

        foreach (var subcommand in command.Subcommands)
        {
            NamePlaceholders(subcommand);
        }
    }

    public override int Invoke(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        Write(parseResult.CommandResult, parseResult.InvocationConfiguration.Output);
        return ExitCodes.Success;
    }

    public static void Write(CommandResult commandResult, TextWriter output)
    {
        var path = Path(commandResult);
        var command = commandResult.Command;
        if (!string.IsNullOrEmpty(command.Description))
        {
            Section(output, "HelpDescription", [command.Description]);
        }

        Section(output, "HelpUsage", [Usage(path)]);

        var arguments = command.Arguments.Where(argument => !argument.Hidden).Select(argument => (ArgumentLabel(argument), argument.Description ?? string.Empty)).ToList();
        Columns(output, "HelpArguments", arguments);

        // The command's own options first, then help and version, as System.CommandLine lists them.
        var options = command.Options.Concat(path.SkipLast(1).SelectMany(parent => parent.Options.Where(option => option.Recursive)))
            .Where(option => !option.Hidden)
            .Distinct()
            .OrderBy(option => option is HelpOption or VersionOption)
            .Select(option => (OptionLabel(option), Describe(option)))
            .ToList();
        Columns(output, "HelpOptions", options);

        var commands = command.Subcommands.Where(subcommand => !subcommand.Hidden).Select(subcommand => (CommandLabel(subcommand), subcommand.Description ?? string.Empty)).ToList();
        Columns(output, "HelpCommands", commands);
    }

    /// <summary>The commands from the root down to <paramref name="commandResult"/>'s.</summary>
    public static List<Command> Path(CommandResult commandResult)
    {
        var path = new List<Command>();
        for (SymbolResult? result = commandResult; result is not null; result = result.Parent)
        {
            if (result is CommandResult step)
            {
                path.Insert(0, step.Command);
            }
        }

        return path;
    }

    /// <summary>How the technician types the command: program name, then the subcommand names.</summary>
    public static string CommandLine(IEnumerable<Command> path) =>
        string.Join(' ', path.Select((command, index) => index == 0 ? ProgramName : command.Name));

    private static string Usage(List<Command> path)
    {
        var command = path[^1];
        var parts = new List<string> { CommandLine(path) };
        if (command.Subcommands.Any(subcommand => !subcommand.Hidden))
        {
            parts.Add(CliText.Get("HelpUsageCommand"));
        }

        parts.AddRange(command.Arguments.Where(argument => !argument.Hidden).Select(ArgumentLabel));
        parts.Add(CliText.Get("HelpUsageOptions"));
        return string.Join(' ', parts);
    }

    private static string ArgumentLabel(Argument argument)
    {
        var label = $"<{argument.HelpName ?? argument.Name}>";
        return argument.Arity.MinimumNumberOfValues == 0 ? $"[{label}]" : label;
    }

    private static string OptionLabel(Option option)
    {
        // The help option's Windows spellings /? and /h work but are not shown, as in System.CommandLine's help.
        var names = option.Aliases.Append(option.Name).Where(name => name[0] != '/').Distinct(StringComparer.Ordinal).OrderBy(name => name.Length).ThenBy(name => name, StringComparer.Ordinal);
        var label = string.Join(", ", names);
        var takesValue = option.Arity.MaximumNumberOfValues > 0 && option.ValueType != typeof(bool);
        return takesValue ? $"{label} <{option.HelpName ?? option.Name.TrimStart('-')}>" : label;
    }

    private static string CommandLabel(Command command)
    {
        var arguments = command.Arguments.Where(argument => !argument.Hidden).Select(ArgumentLabel);
        return string.Join(' ', arguments.Prepend(command.Name));
    }

    private static string Describe(Option option)
    {
        var description = option.Description ?? string.Empty;
        return option.Required ? $"{description} {CliText.Get("HelpRequired")}".Trim() : description;
    }

    private static void Section(TextWriter output, string heading, IEnumerable<string> lines)
    {
        output.WriteLine(CliText.Get(heading));
        foreach (var line in lines)
        {
            output.WriteLine(Indent + line);
        }

        output.WriteLine();
    }

    private static void Columns(TextWriter output, string heading, List<(string Label, string Description)> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var width = rows.Max(row => row.Label.Length) + 2;
        Section(output, heading, rows.Select(row => string.Create(CultureInfo.InvariantCulture, $"{row.Label.PadRight(width)}{row.Description}")));
    }
}
