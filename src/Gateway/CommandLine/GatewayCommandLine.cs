using System.CommandLine;
using System.Globalization;
using SmartCampus.Edge.Gateway.CommandLine.Help;
using SmartCampus.Edge.Gateway.Resources;

namespace SmartCampus.Edge.Gateway.CommandLine;

/// <summary>
/// The <c>smartcampus-edge</c> command line: <c>run</c> (the default) and <c>check</c>. Exit codes are in
/// <see cref="ExitCodes"/> so that systemd and scripts can tell a bad configuration from a crash.
/// </summary>
internal static class GatewayCommandLine
{
    /// <summary>
    /// Parses and runs the command line. A usage error (unknown command or option, missing argument, invalid value)
    /// exits with <see cref="ExitCodes.InvalidConfiguration"/>, not 1, which systemd reads as a failed service.
    /// Help and usage errors are in the language of <see cref="CliLanguage"/>.
    /// </summary>
    public static async Task<int> InvokeAsync(string[] args, TextWriter error, TextWriter? output = null)
    {
        var named = CliLanguage.FromArguments(args);
        if (named is not null)
        {
            CultureInfo.CurrentUICulture = named;
        }

        if (CliLanguage.UnsupportedArgument(args) is { } unsupported)
        {
            return await RejectLanguageAsync(args, "LanguageInvalid", unsupported, error);
        }

        var parseResult = Build().Parse(args);
        var printsText = parseResult.Errors.Count > 0 || parseResult.Action is LocalizedHelpAction;

        // A command that runs loads its file and reports a bad gateway.language among the other problems. Help and usage
        // errors would otherwise be printed in the system language without a word about it.
        if (named is null && printsText && CliLanguage.UnsupportedInConfiguration(args) is { } configuredLanguage)
        {
            return await RejectLanguageAsync(args, "ConfiguredLanguageInvalid", configuredLanguage, error);
        }

        // A file named with --config sets the language of everything the command prints, as the README states. Without
        // one, the installed file only sets help and usage errors, since most commands then never read it.
        var readsFile = printsText || CliLanguage.NamesConfiguration(args);
        if (named is null && readsFile && CliLanguage.FromConfiguration(args, Switch.SwitchCommands.InstalledConfiguration) is { } configured
            && !configured.Equals(CultureInfo.CurrentUICulture))
        {
            // The descriptions are read when the commands are built, so they are built again in the file's language.
            CultureInfo.CurrentUICulture = configured;
            parseResult = Build().Parse(args);
        }

        if (parseResult.Errors.Count == 0 || parseResult.Action is LocalizedHelpAction)
        {
            var invocation = InvocationFor(parseResult);
            invocation.Output = output ?? Console.Out;
            return await parseResult.InvokeAsync(invocation);
        }

        foreach (var problem in LocalizedParseErrors.Describe(parseResult))
        {
            await error.WriteLineAsync(problem);
        }

        await error.WriteLineAsync(GatewayText.Get("CliUsageHint"));
        return ExitCodes.InvalidConfiguration;
    }

    /// <summary>
    /// Writes a language problem as a usage error: in the configured language when <c>--config</c> names a file with a
    /// valid one, else in the system language.
    /// </summary>
    private static async Task<int> RejectLanguageAsync(string[] args, string messageName, string language, TextWriter error)
    {
        if (CliLanguage.NamesConfiguration(args)
            && CliLanguage.FromConfiguration(args, Switch.SwitchCommands.InstalledConfiguration) is { } configured)
        {
            CultureInfo.CurrentUICulture = configured;
        }

        await error.WriteLineAsync(GatewayText.Format(messageName, language));
        await error.WriteLineAsync(GatewayText.Get("CliUsageHint"));
        return ExitCodes.InvalidConfiguration;
    }

    /// <summary>
    /// Ctrl+C cancels the command's token, and System.CommandLine ends the process itself when the command has not
    /// returned after <see cref="InvocationConfiguration.ProcessTerminationTimeout"/> (2 s by default). A cancelled
    /// power-cycle still switches the port on and reads it back, which takes up to two device timeouts, so it gets
    /// longer before the process is ended under it.
    /// </summary>
    public static InvocationConfiguration InvocationFor(ParseResult parseResult) =>
        parseResult.CommandResult.Command.Name == "power-cycle"
            ? new InvocationConfiguration { ProcessTerminationTimeout = Switch.PowerCycleCommand.CancelGrace }
            : new InvocationConfiguration();

    public static RootCommand Build()
    {
        var configOption = new Option<FileInfo?>("--config", "-c") { Description = GatewayText.Get("CliConfigOption") };
        var languageOption = new Option<string?>("--language", "-l") { Description = GatewayText.Get("CliLanguageOption") };

        var root = new RootCommand(GatewayText.Get("CliRootDescription"));
        root.Options.Add(configOption);
        root.Options.Add(languageOption);

        var withoutBrokenDevicesOption = new Option<bool>("--without-broken-devices") { Description = GatewayText.Get("CliWithoutBrokenDevicesOption") };
        root.Options.Add(withoutBrokenDevicesOption);
        root.SetAction((parseResult, cancellationToken) => RunCommand.ExecuteAsync(
            parseResult.GetValue(configOption), parseResult.GetValue(languageOption), parseResult.GetValue(withoutBrokenDevicesOption), cancellationToken));

        var run = new Command("run", GatewayText.Get("CliRunDescription"));
        run.Options.Add(configOption);
        run.Options.Add(languageOption);
        run.Options.Add(withoutBrokenDevicesOption);
        run.SetAction((parseResult, cancellationToken) => RunCommand.ExecuteAsync(
            parseResult.GetValue(configOption), parseResult.GetValue(languageOption), parseResult.GetValue(withoutBrokenDevicesOption), cancellationToken));
        root.Subcommands.Add(run);

        var fileArgument = new Argument<FileInfo>("file") { Description = GatewayText.Get("CliCheckFileArgument") };
        var check = new Command("check", GatewayText.Get("CliCheckDescription"));
        check.Arguments.Add(fileArgument);
        check.Options.Add(languageOption);
        check.SetAction(parseResult =>
            CheckCommand.Execute(parseResult.GetValue(fileArgument)!, parseResult.GetValue(languageOption), Console.Out));
        root.Subcommands.Add(check);
        root.Subcommands.Add(BuildRules(languageOption));

        var hashPassword = new Command("hash-password", GatewayText.Get("CliHashPasswordDescription"));
        hashPassword.SetAction((_, _) => HashPasswordCommand.ExecuteAsync(Console.In, Console.Out, Console.Error));
        root.Subcommands.Add(hashPassword);
        root.Subcommands.Add(Modbus.ModbusCommands.Build(languageOption, Console.Out));
        root.Subcommands.Add(Switch.SwitchCommands.Build(languageOption, Console.Out));

        foreach (var command in Technician.TechnicianCommandLine.Build(languageOption))
        {
            root.Subcommands.Add(command);
        }

        AddToEveryCommand(root, languageOption);
        LocalizedHelpAction.Apply(root);
        return root;
    }

    /// <summary>
    /// Adds <paramref name="option"/> to every command that lacks it, so that <c>-l zh-CN</c> is accepted wherever
    /// help or a usage error can be shown, group commands such as <c>rules</c> included. The language is applied
    /// before parsing (<see cref="CliLanguage.FromArguments"/>), so the commands need not read the value.
    /// </summary>
    private static void AddToEveryCommand(Command command, Option option)
    {
        if (!command.Options.Contains(option))
        {
            command.Options.Add(option);
        }

        foreach (var subcommand in command.Subcommands)
        {
            AddToEveryCommand(subcommand, option);
        }
    }

    private static Command BuildRules(Option<string?> languageOption)
    {
        var configArgument = new Argument<FileInfo>("config") { Description = GatewayText.Get("CliRulesTestConfigArgument") };
        var samplesArgument = new Argument<FileInfo>("samples") { Description = GatewayText.Get("CliRulesTestSamplesArgument") };
        var runOutOption = new Option<string?>("--run-out") { Description = GatewayText.Get("CliRunOutOption") };

        var test = new Command("test", GatewayText.Get("CliRulesTestDescription"));
        test.Arguments.Add(configArgument);
        test.Arguments.Add(samplesArgument);
        test.Options.Add(languageOption);
        test.Options.Add(runOutOption);
        test.SetAction(async (parseResult, cancellationToken) =>
        {
            var runOutText = parseResult.GetValue(runOutOption) ?? "0s";
            if (!SmartCampus.Edge.Rules.Testing.SampleSeriesParser.TryParseDuration(runOutText, out var runOut))
            {
                await Console.Out.WriteLineAsync(GatewayText.Format("RunOutInvalid", runOutText));
                return ExitCodes.InvalidConfiguration;
            }

            return await RulesTestCommand.ExecuteAsync(
                parseResult.GetValue(configArgument)!,
                parseResult.GetValue(samplesArgument)!,
                parseResult.GetValue(languageOption),
                runOut,
                Console.Out,
                cancellationToken);
        });

        var rules = new Command("rules", GatewayText.Get("CliRulesDescription"));
        rules.Subcommands.Add(test);
        return rules;
    }
}
