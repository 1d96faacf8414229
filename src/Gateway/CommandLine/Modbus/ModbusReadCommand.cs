using System.CommandLine;
using System.Globalization;
using SmartCampus.Edge.Drivers.Modbus.Points;
using SmartCampus.Edge.Drivers.Modbus.Protocol;
using SmartCampus.Edge.Gateway.Configuration.Model.Devices;
using SmartCampus.Edge.Gateway.Configuration.Warnings;

namespace SmartCampus.Edge.Gateway.CommandLine.Modbus;

/// <summary>
/// <c>smartcampus-edge modbus read</c>: reads registers or bits once and prints them raw and decoded, or prints one or
/// every point of a campus.yaml device with its raw registers and its value as the service would publish it.
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

            return await ReadPointsAsync(settings, settings.Points, output, cancellationToken);
        }

        var point = selection.Resolve(parseResult, settings, output);
        if (point is null)
        {
            return ExitCodes.InvalidConfiguration;
        }

        if (parseResult.GetValue(selection.Point) is not null)
        {
            return await ReadPointsAsync(settings, [point], output, cancellationToken);
        }

        WriteRegisterNumberNote(point, output);

        var quantity = count * point.RegisterCount;
        var limit = point.IsBoolean && point.Bit is null ? ModbusLimits.MaxReadBits : ModbusLimits.MaxReadRegisters;
        if (count < 1 || quantity > limit || point.Address + quantity - 1 > ushort.MaxValue)
        {
            output.WriteLine(ModbusCliText.Format("CountInvalid", count, point.RegisterCount, limit));
            return ExitCodes.InvalidConfiguration;
        }

        return await ReadRangeAsync(settings, point, count, output, cancellationToken);
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
            registers = await ReadRawAsync(link.Client, settings.UnitId, point, quantity, cancellationToken);
        }
        catch (ModbusException exception)
        {
            output.WriteLine(settings.ErrorText(exception, quantity));
            return ExitCodes.DeviceRequestFailed;
        }

        output.WriteLine(ModbusCliText.Format("LinkHeader", settings.Describe(), settings.UnitId));
        var rawColumn = point.IsBoolean && point.Bit is null ? "ColumnBit" : "ColumnRegisters";
        var table = new ModbusTable(ModbusCliText.Get("ColumnAddress"), ModbusCliText.Get(rawColumn), ModbusCliText.Get("ColumnValue"));
        for (var i = 0; i < values; i++)
        {
            var slice = registers.AsSpan(i * size, size);
            var address = (point.Address + (i * size)).ToString(CultureInfo.InvariantCulture);
            table.Add(address, Raw(point, slice), ModbusValueFormat.Value(ModbusPointDecoder.Decode(point, slice), point));
        }

        table.WriteTo(output);
        return ExitCodes.Success;
    }

    /// <summary>Reads each campus.yaml point with its own request, so one failing point does not hide the rest.</summary>
    private static async Task<int> ReadPointsAsync(
        ModbusLinkSettings settings, IReadOnlyList<ModbusPointOptions> points, TextWriter output, CancellationToken cancellationToken)
    {
        await using var link = settings.Open();
        output.WriteLine(ModbusCliText.Format("DeviceHeader", settings.DeviceId, settings.Describe(), settings.UnitId));
        var table = new ModbusTable(
            ModbusCliText.Get("ColumnPoint"),
            ModbusCliText.Get("ColumnAddress"),
            ModbusCliText.Get("ColumnRegisters"),
            ModbusCliText.Get("ColumnValue"),
            ModbusCliText.Get("ColumnUnit"));
        var errors = new List<string>();
        foreach (var point in points)
        {
            var where = ModbusValueFormat.Address(point.Function, point.Address);
            try
            {
                var registers = await ReadRawAsync(link.Client, settings.UnitId, point, (ushort)point.RegisterCount, cancellationToken);
                var value = ModbusValueFormat.Value(ModbusPointDecoder.Decode(point, registers), point);
                table.Add(point.Name, where, Raw(point, registers), value, point.Unit ?? string.Empty);
            }
            catch (ModbusException exception)
            {
                // The error goes below the table, because a sentence in the value column pushes the unit column off
                // the screen.
                table.Add(point.Name, where, string.Empty, ModbusCliText.Get("ValueFailed"), string.Empty);
                errors.Add(ModbusCliText.Format("PointError", point.Name, settings.ErrorText(exception, point.RegisterCount)));

                // A device that does not respond would cost one timeout per point, so the rest are left unread.
                if (exception is ModbusTimeoutException or ModbusConnectionException)
                {
                    break;
                }
            }
        }

        table.WriteTo(output);
        foreach (var error in errors)
        {
            output.WriteLine(error);
        }

        return errors.Count > 0 ? ExitCodes.DeviceRequestFailed : ExitCodes.Success;
    }

    /// <summary>Reads <paramref name="quantity"/> registers or bits from the point's address; a bit comes back as a word 0 or 1.</summary>
    private static async Task<ushort[]> ReadRawAsync(IModbusClient client, byte unitId, ModbusPointOptions point, ushort quantity, CancellationToken cancellationToken) =>
        point.Function switch
        {
            ModbusRegisterKind.Holding => await client.ReadHoldingRegistersAsync(unitId, point.Address, quantity, cancellationToken),
            ModbusRegisterKind.Input => await client.ReadInputRegistersAsync(unitId, point.Address, quantity, cancellationToken),
            ModbusRegisterKind.Coil => ToWords(await client.ReadCoilsAsync(unitId, point.Address, quantity, cancellationToken)),
            _ => ToWords(await client.ReadDiscreteInputsAsync(unitId, point.Address, quantity, cancellationToken)),
        };

    /// <summary>Returns the raw registers of one value as hex words, or a coil or discrete input as 0 or 1.</summary>
    private static string Raw(ModbusPointOptions point, ReadOnlySpan<ushort> registers) =>
        point.IsBoolean && point.Bit is null ? registers[0].ToString(CultureInfo.InvariantCulture) : ModbusValueFormat.Registers(registers);

    /// <summary>
    /// Warns when <c>--address</c> looks like a register number from a device manual (40001 is address 0), with the
    /// same rule as <c>smartcampus-edge check</c> uses for campus.yaml.
    /// </summary>
    private static void WriteRegisterNumberNote(ModbusPointOptions point, TextWriter output)
    {
        var function = point.Function switch
        {
            ModbusRegisterKind.Holding => ModbusFunction.Holding,
            ModbusRegisterKind.Input => ModbusFunction.Input,
            _ => (ModbusFunction?)null,
        };

        if (function is { } table && ModbusRegisterCheck.FindRegisterNumber(table, point.Address) is { } number)
        {
            output.WriteLine(ModbusCliText.Format("AddressLooksLikeRegisterNumber", point.Address, number.Numbering, number.First, point.Address - number.First));
        }
    }

    private static ushort[] ToWords(bool[] bits) => Array.ConvertAll(bits, bit => bit ? (ushort)1 : (ushort)0);
}
