using System.CommandLine;
using System.Globalization;
using SmartCampus.Edge.Drivers.Modbus.Points;
using SmartCampus.Edge.Drivers.Modbus.Protocol;

namespace SmartCampus.Edge.Gateway.CommandLine.Modbus;

/// <summary>
/// <c>smartcampus-edge modbus read</c>: reads registers or bits once and prints them raw and decoded, or prints every
/// point of a campus.yaml device decoded as the service would publish it.
/// </summary>
internal static class ModbusReadCommand
{
    public static Command Build(Option<string?> languageOption, TextWriter output)
    {
        var link = new ModbusLinkOptions();
        var selection = new ModbusPointSelection();
        var count = new Option<int>("--count", "-n") { Description = ModbusCliText.Get("OptionCount"), DefaultValueFactory = _ => 1 };

        var command = new Command("read", ModbusCliText.Get("ReadDescription"));
        link.AddTo(command);
        selection.AddTo(command);
        command.Options.Add(count);
        command.Options.Add(languageOption);
        command.SetAction((parseResult, cancellationToken) =>
            ExecuteAsync(parseResult, link, selection, parseResult.GetValue(count), parseResult.GetValue(languageOption), output, cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(
        ParseResult parseResult,
        ModbusLinkOptions linkOptions,
        ModbusPointSelection selection,
        int count,
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
            if (settings.Points.Count == 0)
            {
                output.WriteLine(ModbusCliText.Get("AddressOrPointMissing"));
                return ExitCodes.InvalidConfiguration;
            }

            return await ReadPointsAsync(settings, output, cancellationToken);
        }

        var point = selection.Resolve(parseResult, settings, output);
        if (point is null)
        {
            return ExitCodes.InvalidConfiguration;
        }

        var values = parseResult.GetValue(selection.Point) is null ? count : 1;
        var quantity = values * point.RegisterCount;
        var limit = point.IsBoolean && point.Bit is null ? ModbusLimits.MaxReadBits : ModbusLimits.MaxReadRegisters;
        if (values < 1 || quantity > limit || point.Address + quantity - 1 > ushort.MaxValue)
        {
            output.WriteLine(ModbusCliText.Format("CountInvalid", count, point.RegisterCount, limit));
            return ExitCodes.InvalidConfiguration;
        }

        return await ReadRangeAsync(settings, point, values, output, cancellationToken);
    }

    /// <summary>Reads <paramref name="values"/> consecutive values of <paramref name="point"/>'s type with one request.</summary>
    private static async Task<int> ReadRangeAsync(ModbusLinkSettings settings, ModbusPointOptions point, int values, TextWriter output, CancellationToken cancellationToken)
    {
        await using var link = settings.Open();
        var size = point.RegisterCount;
        var quantity = (ushort)(values * size);
        ushort[] registers;
        try
        {
            registers = point.Function switch
            {
                ModbusRegisterKind.Holding => await link.Client.ReadHoldingRegistersAsync(settings.UnitId, point.Address, quantity, cancellationToken),
                ModbusRegisterKind.Input => await link.Client.ReadInputRegistersAsync(settings.UnitId, point.Address, quantity, cancellationToken),
                ModbusRegisterKind.Coil => ToWords(await link.Client.ReadCoilsAsync(settings.UnitId, point.Address, quantity, cancellationToken)),
                _ => ToWords(await link.Client.ReadDiscreteInputsAsync(settings.UnitId, point.Address, quantity, cancellationToken)),
            };
        }
        catch (ModbusException exception)
        {
            output.WriteLine(settings.ErrorText(exception));
            return ExitCodes.DeviceRequestFailed;
        }

        output.WriteLine(ModbusCliText.Format("LinkHeader", settings.Describe(), settings.UnitId));
        var table = new ModbusTable(ModbusCliText.Get("ColumnAddress"), ModbusCliText.Get("ColumnRegisters"), ModbusCliText.Get("ColumnValue"));
        for (var i = 0; i < values; i++)
        {
            var slice = registers.AsSpan(i * size, size);
            var address = (point.Address + (i * size)).ToString(CultureInfo.InvariantCulture);
            var raw = point.IsBoolean && point.Bit is null ? slice[0].ToString(CultureInfo.InvariantCulture) : ModbusValueFormat.Registers(slice);
            table.Add(address, raw, ModbusValueFormat.Value(ModbusPointDecoder.Decode(point, slice)));
        }

        table.WriteTo(output);
        return ExitCodes.Success;
    }

    /// <summary>Reads each campus.yaml point of the device with its own request, so one failing point does not hide the rest.</summary>
    private static async Task<int> ReadPointsAsync(ModbusLinkSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        await using var link = settings.Open();
        output.WriteLine(ModbusCliText.Format("DeviceHeader", settings.DeviceId, settings.Describe(), settings.UnitId));
        var table = new ModbusTable(
            ModbusCliText.Get("ColumnPoint"), ModbusCliText.Get("ColumnAddress"), ModbusCliText.Get("ColumnValue"), ModbusCliText.Get("ColumnUnit"));
        var failed = false;
        foreach (var point in settings.Points)
        {
            var where = ModbusValueFormat.Address(point.Function, point.Address);
            try
            {
                var value = await ModbusPointAccess.ReadAsync(link.Client, settings.UnitId, point, cancellationToken);
                table.Add(point.Name, where, ModbusValueFormat.Value(value), point.Unit ?? string.Empty);
            }
            catch (ModbusException exception)
            {
                failed = true;
                table.Add(point.Name, where, exception.Message, string.Empty);

                // A device that does not respond would cost one timeout per point, so the rest are left unread.
                if (exception is ModbusTimeoutException or ModbusConnectionException)
                {
                    break;
                }
            }
        }

        table.WriteTo(output);
        return failed ? ExitCodes.DeviceRequestFailed : ExitCodes.Success;
    }

    private static ushort[] ToWords(bool[] bits) => Array.ConvertAll(bits, bit => bit ? (ushort)1 : (ushort)0);
}
