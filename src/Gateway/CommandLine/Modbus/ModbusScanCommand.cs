using System.CommandLine;
using System.Globalization;
using SmartCampus.Edge.Drivers.Modbus.Protocol;

namespace SmartCampus.Edge.Gateway.CommandLine.Modbus;

/// <summary>
/// <c>smartcampus-edge modbus scan</c>: sends every unit id in a range on a bus or behind a TCP converter a Read Device
/// Identification request (FC43/14) and a probe read (FC3 or FC4), and prints a row for each unit id that responded.
/// Any reply counts, an exception response included, since only a present device sends one.
/// </summary>
internal static class ModbusScanCommand
{
    public static Command Build(Option<string?> languageOption, TextWriter output)
    {
        var link = new ModbusLinkOptions();
        var from = new Option<int>("--from") { Description = ModbusCliText.Get("OptionFrom"), DefaultValueFactory = _ => 1 };
        var to = new Option<int>("--to") { Description = ModbusCliText.Get("OptionTo"), DefaultValueFactory = _ => 247 };
        var probe = new Option<string>("--probe") { Description = ModbusCliText.Get("OptionProbe"), DefaultValueFactory = _ => "both" };
        probe.AcceptOnlyFromAmong("identify", "read", "both");
        var probeAddress = new Option<int>("--probe-address") { Description = ModbusCliText.Get("OptionProbeAddress"), DefaultValueFactory = _ => 0 };
        var probeFunction = new Option<string>("--probe-function") { Description = ModbusCliText.Get("OptionProbeFunction"), DefaultValueFactory = _ => "holding" };
        probeFunction.AcceptOnlyFromAmong("holding", "input");

        var command = new Command("scan", ModbusCliText.Get("ScanDescription"));
        link.AddTo(command);
        foreach (var option in new Option[] { from, to, probe, probeAddress, probeFunction, languageOption })
        {
            command.Options.Add(option);
        }

        command.SetAction((parseResult, cancellationToken) =>
        {
            var request = new ScanRequest(
                parseResult.GetValue(from),
                parseResult.GetValue(to),
                parseResult.GetValue(probe) is "identify" or "both",
                parseResult.GetValue(probe) is "read" or "both",
                parseResult.GetValue(probeAddress),
                parseResult.GetValue(probeFunction) == "input");
            return ExecuteAsync(parseResult, link, request, parseResult.GetValue(languageOption), output, cancellationToken);
        });
        return command;
    }

    private static async Task<int> ExecuteAsync(
        ParseResult parseResult,
        ModbusLinkOptions linkOptions,
        ScanRequest request,
        string? language,
        TextWriter output,
        CancellationToken cancellationToken)
    {
        if (!ModbusCommands.TryApplyLanguage(language, output))
        {
            return ExitCodes.InvalidConfiguration;
        }

        // A scan waits for every silent unit id, so its default timeout is shorter than a read's.
        var settings = linkOptions.Resolve(parseResult, output, TimeSpan.FromMilliseconds(200));
        if (settings is null)
        {
            return ExitCodes.InvalidConfiguration;
        }

        // Modbus over Serial Line v1.02 §2.2: slave addresses are 1..247. Behind TCP, unit ids 0 and 248..255 also travel.
        var highest = settings.Bus is null ? 255 : 247;
        var lowest = settings.Bus is null ? 0 : 1;
        if (request.From < lowest || request.To > highest || request.From > request.To || request.ProbeAddress is < 0 or > ushort.MaxValue)
        {
            output.WriteLine(ModbusCliText.Format("ScanRangeInvalid", request.From, request.To, lowest, highest));
            return ExitCodes.InvalidConfiguration;
        }

        output.WriteLine(ModbusCliText.Format("ScanHeader", settings.Describe(), request.From, request.To, (long)settings.Timeout.TotalMilliseconds));
        await using var link = settings.Open();
        var table = new ModbusTable(
            ModbusCliText.Get("ColumnUnitId"),
            ModbusCliText.Get("ColumnVendor"),
            ModbusCliText.Get("ColumnProduct"),
            ModbusCliText.Get("ColumnRevision"),
            ModbusCliText.Get("ColumnProbe"));
        for (var unit = request.From; unit <= request.To; unit++)
        {
            try
            {
                var row = await ProbeAsync(link.Client, settings.DeviceId, (byte)unit, request, cancellationToken);
                if (row is not null)
                {
                    table.Add(row);
                }
            }
            catch (ModbusConnectionException exception)
            {
                // Without a connection or an open port no unit id can respond, so the scan stops here.
                output.WriteLine(settings.ErrorText(exception));
                return ExitCodes.DeviceRequestFailed;
            }
        }

        if (table.RowCount > 0)
        {
            table.WriteTo(output);
        }

        output.WriteLine(ModbusCliText.Format("ScanSummary", table.RowCount, request.To - request.From + 1));
        WriteNextStep(settings, request, table.RowCount, output);
        return ExitCodes.Success;
    }

    /// <summary>
    /// Explains an empty result, and gives the range of the probe read when some unit id responded to it with an
    /// exception, in the same words as a failed <c>modbus read</c>.
    /// </summary>
    private static void WriteNextStep(ModbusLinkSettings settings, ScanRequest request, int answered, TextWriter output)
    {
        if (answered == 0)
        {
            output.WriteLine(ModbusCliText.Get(settings.Bus is null ? "ScanNoneAnsweredTcp" : "ScanNoneAnsweredRtu"));
            return;
        }

        if (request.ProbeRejected)
        {
            var kind = request.ReadInput ? Drivers.Modbus.Points.ModbusRegisterKind.Input : Drivers.Modbus.Points.ModbusRegisterKind.Holding;
            output.WriteLine(ModbusCliText.Format("ScanProbeRejected", ModbusValueFormat.Address(kind, request.ProbeAddress), 1));
        }
    }

    /// <summary>Returns the table row of <paramref name="unit"/>, or null when it responded to neither probe.</summary>
    private static async Task<string[]?> ProbeAsync(IModbusClient client, string deviceId, byte unit, ScanRequest request, CancellationToken cancellationToken)
    {
        var answered = false;
        string[] identity = ["-", "-", "-"];
        if (request.Identify)
        {
            try
            {
                var identification = await ModbusDeviceIdentification.ReadAsync(client, deviceId, unit, ModbusDeviceIdReadCode.Basic, cancellationToken);
                identity = [identification.VendorName ?? "-", identification.ProductCode ?? "-", identification.MajorMinorRevision ?? "-"];
                answered = true;
            }
            catch (ModbusExceptionResponseException exception)
            {
                identity = [ModbusErrorText.ExceptionCode(exception), "-", "-"];
                answered = true;
            }
            catch (ModbusProtocolException exception)
            {
                identity = [ModbusCliText.Format("ScanInvalidReply", exception.Error), "-", "-"];
                answered = true;
            }
            catch (ModbusTimeoutException)
            {
                // No reply: the unit id is free, or the device is off.
            }
        }

        var probe = "-";
        if (request.Read)
        {
            try
            {
                var address = (ushort)request.ProbeAddress;
                var registers = request.ReadInput
                    ? await client.ReadInputRegistersAsync(unit, address, 1, cancellationToken)
                    : await client.ReadHoldingRegistersAsync(unit, address, 1, cancellationToken);
                probe = ModbusValueFormat.Registers(registers);
                answered = true;
            }
            catch (ModbusExceptionResponseException exception)
            {
                probe = ModbusErrorText.ExceptionCode(exception);
                request.ProbeRejected = true;
                answered = true;
            }
            catch (ModbusProtocolException exception)
            {
                probe = ModbusCliText.Format("ScanInvalidReply", exception.Error);
                answered = true;
            }
            catch (ModbusTimeoutException)
            {
                // No reply to the probe either.
            }
        }

        return answered ? [unit.ToString(CultureInfo.InvariantCulture), .. identity, probe] : null;
    }

    private sealed record ScanRequest(int From, int To, bool Identify, bool Read, int ProbeAddress, bool ReadInput)
    {
        /// <summary>True once a unit id responded to the probe read with an exception response.</summary>
        public bool ProbeRejected { get; set; }
    }
}
