using System.CommandLine;

namespace SmartCampus.Edge.Gateway.CommandLine.Switch;

/// <summary>
/// <c>smartcampus-edge switch power-cycle DEVICE PORT</c>: switches the PoE power of one port of a managed switch off
/// and on again, to restart a hung camera, access controller or class board without a ladder.
/// </summary>
internal static class SwitchCommands
{
    /// <summary>Default campus.yaml of an installed gateway.</summary>
    public const string InstalledConfiguration = "/etc/smartcampus-edge/campus.yaml";

    public static Command Build(Option<string?> languageOption, TextWriter output)
    {
        var device = new Argument<string>("device") { Description = SwitchText.Get("CliDeviceArgument") };
        var port = new Argument<string>("port") { Description = SwitchText.Get("CliPortArgument") };
        var offFor = new Option<string?>("--off-for") { Description = SwitchText.Format("CliOffForOption", PowerCycleCommand.DefaultOffTime.TotalSeconds, PowerCycleCommand.MinOffTime.TotalSeconds, PowerCycleCommand.MaxOffTime.TotalSeconds) };
        var force = new Option<bool>("--force") { Description = SwitchText.Get("CliForceOption") };
        var config = new Option<FileInfo>("--config", "-c")
        {
            Description = SwitchText.Get("CliConfigOption"),
            DefaultValueFactory = _ => new FileInfo(InstalledConfiguration),
        };

        var powerCycle = new Command("power-cycle", SwitchText.Get("CliPowerCycleDescription")) { device, port, offFor, force, config, languageOption };
        powerCycle.SetAction((parseResult, cancellationToken) =>
        {
            var request = new PowerCycleRequest(
                parseResult.GetValue(config)!,
                parseResult.GetValue(device)!,
                parseResult.GetValue(port)!,
                parseResult.GetValue(offFor),
                parseResult.GetValue(force),
                parseResult.GetValue(languageOption));
            return PowerCycleCommand.ExecuteAsync(request, output, TimeProvider.System, cancellationToken);
        });

        return new Command("switch", SwitchText.Get("CliSwitchDescription")) { powerCycle };
    }
}
