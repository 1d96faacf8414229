using System.CommandLine;
using SmartCampus.Edge.Drivers.Gpio;
using SmartCampus.Edge.Gateway.Configuration.Model;
using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Sync.Outbox;

namespace SmartCampus.Edge.Gateway.CommandLine.Technician;

/// <summary>The technician commands <c>devices</c>, <c>gpio</c>, <c>mqtt</c>, <c>outbox</c> and <c>console</c> of the command line.</summary>
internal static class TechnicianCommandLine
{
    /// <summary>Default campus.yaml of an installed gateway.</summary>
    public const string InstalledConfiguration = "/etc/smartcampus-edge/campus.yaml";

    public static IEnumerable<Command> Build(Option<string?> languageOption)
    {
        yield return BuildDevices(languageOption);
        yield return BuildGpio(languageOption);
        yield return BuildMqtt(languageOption);
        yield return BuildOutbox(languageOption);
        yield return BuildConsole(languageOption);
    }

    private static Option<FileInfo> ConfigOption() => new("--config", "-c")
    {
        Description = TechnicianText.Format("CliConfigOption", InstalledConfiguration),
        DefaultValueFactory = _ => new FileInfo(InstalledConfiguration),
    };

    private static Command BuildDevices(Option<string?> languageOption)
    {
        var config = ConfigOption();
        var list = new Command("list", TechnicianText.Get("CliDevicesListDescription")) { config, languageOption };
        list.SetAction(parseResult => DevicesListCommand.Execute(parseResult.GetValue(config)!, parseResult.GetValue(languageOption), Console.Out, Console.Error));

        return new Command("devices", TechnicianText.Get("CliDevicesDescription")) { list };
    }

    private static Command BuildGpio(Option<string?> languageOption)
    {
        var config = ConfigOption();
        var point = new Argument<string>("point") { Description = TechnicianText.Get("CliGpioPointArgument") };
        var read = new Command("read", TechnicianText.Get("CliGpioReadDescription")) { point, config, languageOption };
        read.SetAction(parseResult => WithSite(parseResult.GetValue(config)!, parseResult.GetValue(languageOption), site =>
            GpioCommands.Read(site, parseResult.GetValue(point)!, Console.Out, Console.Error, kind => GpioControllerFactory.Create(kind))));

        var duration = new Option<string?>("--duration", "-d") { Description = TechnicianText.Format("CliGpioDurationOption", GpioCommands.DefaultPulse.TotalSeconds, GpioCommands.MaxPulse.TotalSeconds) };
        var pulse = new Command("pulse", TechnicianText.Get("CliGpioPulseDescription")) { point, config, duration, languageOption };
        pulse.SetAction(async (parseResult, cancellationToken) =>
        {
            if (!SiteLoading.TryLoad(parseResult.GetValue(config)!, parseResult.GetValue(languageOption), Console.Error, out var site, out var exitCode))
            {
                return exitCode;
            }

            TimeSpan? length = null;
            if (parseResult.GetValue(duration) is { } text)
            {
                if (DurationText.TryParse(text, out var parsed) != DurationParse.Valid)
                {
                    await Console.Error.WriteLineAsync(TechnicianText.Format("DurationInvalid", text));
                    return ExitCodes.InvalidConfiguration;
                }

                length = parsed;
            }

            return await GpioCommands.PulseAsync(
                site, parseResult.GetValue(point)!, length, Console.Out, Console.Error, kind => GpioControllerFactory.Create(kind), TimeProvider.System, cancellationToken);
        });

        return new Command("gpio", TechnicianText.Get("CliGpioDescription")) { read, pulse };
    }

    private static Command BuildMqtt(Option<string?> languageOption)
    {
        var config = new Option<FileInfo?>("--config", "-c") { Description = TechnicianText.Get("CliMqttConfigOption") };
        var host = new Option<string?>("--host") { Description = TechnicianText.Get("CliMqttHostOption") };
        var port = new Option<int?>("--port", "-p") { Description = TechnicianText.Get("CliMqttPortOption") };
        var username = new Option<string?>("--username", "-u") { Description = TechnicianText.Format("CliMqttUsernameOption", CampusBrokerTarget.PasswordVariable) };

        var topic = new Argument<string>("topic") { Description = TechnicianText.Get("CliMqttTopicArgument") };
        var payload = new Argument<string>("payload") { Description = TechnicianText.Get("CliMqttPayloadArgument") };
        var qos = new Option<int>("--qos", "-q") { Description = TechnicianText.Get("CliMqttQosOption"), DefaultValueFactory = _ => 1 };
        var retain = new Option<bool>("--retain", "-r") { Description = TechnicianText.Get("CliMqttRetainOption") };
        var publish = new Command("publish", TechnicianText.Get("CliMqttPublishDescription")) { topic, payload, config, host, port, username, qos, retain, languageOption };
        publish.SetAction(async (parseResult, cancellationToken) =>
        {
            var target = await ResolveTargetAsync(parseResult, config, host, port, username, languageOption);
            return target is null
                ? ExitCodes.InvalidConfiguration
                : await MqttCommands.PublishAsync(target, parseResult.GetValue(topic)!, parseResult.GetValue(payload)!, parseResult.GetValue(qos), parseResult.GetValue(retain), Console.Out, Console.Error, cancellationToken);
        });

        var filter = new Argument<string>("filter") { Description = TechnicianText.Get("CliMqttFilterArgument"), DefaultValueFactory = _ => "#" };
        var count = new Option<int?>("--count", "-n") { Description = TechnicianText.Get("CliMqttCountOption") };
        var watch = new Command("watch", TechnicianText.Get("CliMqttWatchDescription")) { filter, config, host, port, username, count, languageOption };
        watch.SetAction(async (parseResult, cancellationToken) =>
        {
            var target = await ResolveTargetAsync(parseResult, config, host, port, username, languageOption);
            return target is null
                ? ExitCodes.InvalidConfiguration
                : await MqttCommands.WatchAsync(target, parseResult.GetValue(filter)!, parseResult.GetValue(count), Console.Out, Console.Error, cancellationToken);
        });

        return new Command("mqtt", TechnicianText.Get("CliMqttDescription")) { publish, watch };
    }

    private static Command BuildOutbox(Option<string?> languageOption)
    {
        var config = ConfigOption();
        var status = new Command("status", TechnicianText.Get("CliOutboxStatusDescription")) { config, languageOption };
        status.SetAction(parseResult => WithSite(parseResult.GetValue(config)!, parseResult.GetValue(languageOption), site =>
            OutboxCommands.Status(site, Console.Out, Console.Error, TimeProvider.System)));

        var lane = new Option<string?>("--lane") { Description = TechnicianText.Get("CliOutboxLaneOption") };
        lane.AcceptOnlyFromAmong("alarms", "events", "telemetry");
        var export = new Command("export", TechnicianText.Get("CliOutboxExportDescription")) { config, lane, languageOption };
        export.SetAction(parseResult => WithSite(parseResult.GetValue(config)!, parseResult.GetValue(languageOption), site =>
            OutboxCommands.Export(site, ParseLane(parseResult.GetValue(lane)), Console.Out, Console.Error)));

        return new Command("outbox", TechnicianText.Get("CliOutboxDescription")) { status, export };
    }

    private static Command BuildConsole(Option<string?> languageOption)
    {
        var config = ConfigOption();
        var user = new Argument<string>("user") { Description = TechnicianText.Get("CliConsoleUserArgument") };
        var reset = new Command("reset-password", TechnicianText.Get("CliConsoleResetDescription")) { user, config, languageOption };
        reset.SetAction(parseResult => WithSite(parseResult.GetValue(config)!, parseResult.GetValue(languageOption), site =>
            ConsoleAccountCommands.ResetPassword(site.Gateway.DataDirectory, parseResult.GetValue(user)!, Console.Out, Console.Error, TimeProvider.System)));

        return new Command("console", TechnicianText.Get("CliConsoleDescription")) { reset };
    }

    private static int WithSite(FileInfo config, string? language, Func<SiteConfiguration, int> action) =>
        SiteLoading.TryLoad(config, language, Console.Error, out var site, out var exitCode) ? action(site) : exitCode;

    private static async Task<CampusBrokerTarget?> ResolveTargetAsync(
        ParseResult parseResult, Option<FileInfo?> config, Option<string?> host, Option<int?> port, Option<string?> username, Option<string?> languageOption)
    {
        SiteConfiguration? site = null;
        if (parseResult.GetValue(config) is { } file)
        {
            if (!SiteLoading.TryLoad(file, parseResult.GetValue(languageOption), Console.Error, out var loaded, out _))
            {
                return null;
            }

            site = loaded;
        }
        else if (!SiteLoading.TryApplyLanguage(parseResult.GetValue(languageOption), Console.Error))
        {
            return null;
        }

        await Task.CompletedTask;
        return CampusBrokerTarget.Resolve(site, parseResult.GetValue(host), parseResult.GetValue(port), parseResult.GetValue(username));
    }

    private static OutboxLane? ParseLane(string? lane) => lane switch
    {
        "alarms" => OutboxLane.Alarms,
        "events" => OutboxLane.Events,
        "telemetry" => OutboxLane.Telemetry,
        _ => null,
    };
}
