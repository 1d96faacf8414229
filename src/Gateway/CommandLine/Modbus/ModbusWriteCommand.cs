using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Modbus.Points;
using SmartCampus.Edge.Gateway.CommandLine.Switch;

namespace SmartCampus.Edge.Gateway.CommandLine.Modbus;

/// <summary>
/// <c>smartcampus-edge modbus write</c>: writes one value to a holding register range or a coil, encoded as the
/// service encodes it (FC5/FC6 for one coil or register, FC15/FC16 for more).
/// </summary>
internal static class ModbusWriteCommand
{
    public static Command Build(Option<string?> languageOption, TextWriter output)
    {
        var link = new ModbusLinkOptions();
        var selection = new ModbusPointSelection();
        var value = new Option<string>("--value", "-v") { Description = ModbusCliText.Get("OptionValue"), Required = true };

        var command = new Command("write", ModbusCliText.Get("WriteDescription"));
        link.AddTo(command);
        selection.AddTo(command);
        command.Options.Add(value);
        command.Options.Add(languageOption);
        command.SetAction((parseResult, cancellationToken) =>
            ExecuteAsync(parseResult, link, selection, parseResult.GetValue(value)!, parseResult.GetValue(languageOption), output, cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(
        ParseResult parseResult,
        ModbusLinkOptions linkOptions,
        ModbusPointSelection selection,
        string valueText,
        string? language,
        TextWriter output,
        CancellationToken cancellationToken)
    {
        if (!ModbusCommands.TryApplyLanguage(language, output))
        {
            return ExitCodes.InvalidConfiguration;
        }

        var settings = linkOptions.Resolve(parseResult, output, TimeSpan.FromSeconds(1));
        if (settings is null)
        {
            return ExitCodes.InvalidConfiguration;
        }

        if (selection.SelectsNothing(parseResult))
        {
            output.WriteLine(ModbusCliText.Get("AddressOrPointMissing"));
            return ExitCodes.InvalidConfiguration;
        }

        var point = selection.Resolve(parseResult, settings, output);
        if (point is null)
        {
            return ExitCodes.InvalidConfiguration;
        }

        if (ParseValue(point, valueText) is not { } value)
        {
            output.WriteLine(ModbusCliText.Format(point.IsBoolean ? "ValueNotBoolean" : "ValueNotNumber", valueText));
            return ExitCodes.InvalidConfiguration;
        }

        // Checked before the port opens, so that a value the device would never see exits as a usage error.
        var check = ModbusWriteCheck.Check(point, value, parseResult.GetValue(selection.Point) is not null);
        if (check.Error is { } error)
        {
            output.WriteLine(error);
            return ExitCodes.InvalidConfiguration;
        }

        await using var link = settings.Open();

        // The writer returns the driver's text. The recorded fault lets the command reword it for the command line
        // and add the requested registers or bits.
        var client = new FaultRecordingModbusClient(link.Client);
        var result = await ModbusPointAccess.WriteAsync(
            client, settings.DeviceId, settings.UnitId, point, value, NullLogger.Instance, cancellationToken);
        if (!result.Succeeded)
        {
            output.WriteLine(client.LastFault is { } fault ? settings.ErrorText(fault, point.RegisterCount) : result.Error);
            return ExitCodes.DeviceRequestFailed;
        }

        var where = ModbusValueFormat.Address(point.Function, point.Address);
        output.WriteLine(check.Registers is { } registers
            ? ModbusCliText.Format("WriteDoneRegisters", ModbusValueFormat.Value(value), where, settings.Describe(), settings.UnitId, ModbusValueFormat.Registers(registers))
            : ModbusCliText.Format("WriteDone", ModbusValueFormat.Value(value), where, settings.Describe(), settings.UnitId));
        return ExitCodes.Success;
    }

    /// <summary>Returns the value as the point's kind takes it: on/off for coils, text for strings, a number otherwise.</summary>
    private static PointValue? ParseValue(ModbusPointOptions point, string text)
    {
        if (point.IsText)
        {
            return PointValue.FromText(text);
        }

        if (point.IsBoolean)
        {
            return text.ToUpperInvariant() switch
            {
                "1" or "TRUE" or "ON" => PointValue.FromBoolean(true),
                "0" or "FALSE" or "OFF" => PointValue.FromBoolean(false),
                _ => null,
            };
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? PointValue.FromNumber(number) : null;
    }
}
