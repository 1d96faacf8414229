using System.Globalization;
using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Model.Devices;
using SmartCampus.Edge.Gateway.Configuration.Resources;
using SmartCampus.Edge.Gateway.Configuration.Validation;

namespace SmartCampus.Edge.Gateway.Configuration.Reading.Devices;

/// <summary>Reads one point of a modbus-tcp device.</summary>
internal static class ModbusPointReader
{
    public const string ItemExample = "{id: co2, function: holding, address: 0, type: uint16}";

    private const int LastAddress = 65535;

    /// <summary>Max registers of a string point: one FC3 or FC4 read carries at most 125.</summary>
    private const int MaxStringRegisters = 125;

    private static readonly ChoiceSet<ModbusFunction> Functions = new(
        ("holding", ModbusFunction.Holding),
        ("input", ModbusFunction.Input),
        ("coil", ModbusFunction.Coil),
        ("discrete", ModbusFunction.DiscreteInput));

    private static readonly ChoiceSet<ModbusDataType> DataTypes = new(
        ("uint16", ModbusDataType.UInt16),
        ("int16", ModbusDataType.Int16),
        ("uint32", ModbusDataType.UInt32),
        ("int32", ModbusDataType.Int32),
        ("uint64", ModbusDataType.UInt64),
        ("int64", ModbusDataType.Int64),
        ("float32", ModbusDataType.Float32),
        ("float64", ModbusDataType.Float64),
        ("string", ModbusDataType.String));

    private static readonly ChoiceSet<ModbusWordOrder> WordOrders = new(
        ("ABCD", ModbusWordOrder.Abcd),
        ("CDAB", ModbusWordOrder.Cdab),
        ("BADC", ModbusWordOrder.Badc),
        ("DCBA", ModbusWordOrder.Dcba));

    public static ModbusPointConfiguration Read(MappingReader point, DeviceEntry device, UniqueIds pointIds)
    {
        var idValue = point.Key("id");
        var id = idValue.RequiredId("co2");
        var isNewId = id is not null && pointIds.Add(id, idValue);
        var function = point.Key("function").RequiredChoice(Functions);
        var addressValue = point.Key("address");
        var address = ReadAddress(addressValue);
        if (id is not null && address is not null)
        {
            point.Context.Positions.AddPointAddress(device.Id, id, addressValue.Path, addressValue.Node!.Start);
        }

        var bitValue = point.Key("bit");
        var bit = bitValue.OptionalInteger(0, 15, "3");
        var isBitTable = function is ModbusFunction.Coil or ModbusFunction.DiscreteInput;
        var typeValue = point.Key("type");
        var dataType = isBitTable || bit is not null ? typeValue.OptionalChoice(DataTypes) : typeValue.RequiredChoice(DataTypes);
        var lengthValue = point.Key("length");
        var length = lengthValue.OptionalInteger(1, MaxStringRegisters, "8");
        var orderValue = point.Key("order");
        var wordOrder = orderValue.OptionalChoice(WordOrders);
        var writeOrderValue = point.Key("writeOrder");
        var writeOrder = writeOrderValue.OptionalChoice(WordOrders);
        var scale = ReadScale(point.Key("scale"));
        var offset = point.Key("offset").OptionalNumber("0");
        var unit = point.Key("unit").OptionalText("ppm");
        var verifyWrite = point.Key("verifyWrite").OptionalBoolean("true");
        var reportOnChange = point.Key("reportOnChange").OptionalBoolean("true");
        var deadband = ReadDeadband(point.Key("deadband"));
        var maxSilence = point.Key("maxSilence").OptionalDuration(TimeSpan.FromSeconds(1), TimeSpan.FromDays(1), "5m");
        var escapeLock = EscapeLockReader.Read(point, device, isNewId ? id : null, isOutput: function is ModbusFunction.Coil or null);
        var safeState = ReadCoilSafeState(point, function, escapeLock);
        var lifeSafety = point.Key("lifeSafety").OptionalBoolean("true");
        if (escapeLock)
        {
            EscapeLockReader.CheckSafeState(point, device, id, safeState, reportMissing: true);
        }

        point.ReportUnknownKeys();

        if (isBitTable)
        {
            ReportBitTableKey(typeValue);
            ReportBitTableKey(bitValue);
        }
        else if (bit is not null && dataType is not (null or ModbusDataType.UInt16 or ModbusDataType.Int16))
        {
            typeValue.Report(ConfigurationProblemKind.InvalidCombination, typeValue.RawText, new ProblemMessage(MessageKeys.BitNeeds16BitType, typeValue.RawText ?? string.Empty));
        }

        var isText = dataType == ModbusDataType.String && !isBitTable && bit is null;
        if (isText)
        {
            CheckStringKeys(point, lengthValue, orderValue, wordOrder, writeOrderValue, writeOrder);
        }
        else if (lengthValue.IsPresent)
        {
            lengthValue.Report(ConfigurationProblemKind.InvalidCombination, lengthValue.RawText, new ProblemMessage(MessageKeys.LengthNeedsString));
        }

        if (isNewId && id is not null)
        {
            device.AddPoint(id, isText ? PointSignal.Text : PointSignal.Number);
            if (!isText && function is ModbusFunction.Coil or ModbusFunction.Holding)
            {
                device.AddModbusOutput(id, new ModbusOutputShape(function.Value, dataType ?? ModbusDataType.UInt16, isBitTable ? null : bit, scale ?? ModbusPointConfiguration.DefaultScale, offset ?? ModbusPointConfiguration.DefaultOffset));
            }
        }

        if (address is { } start && dataType is { } type && !isBitTable && bit is null && (type != ModbusDataType.String || length is not null))
        {
            CheckSpan(addressValue, start, type, length ?? 0);
        }

        return new ModbusPointConfiguration
        {
            Id = id ?? string.Empty,
            Function = function ?? ModbusFunction.Holding,
            Address = address ?? 0,
            DataType = dataType ?? ModbusDataType.UInt16,
            WordOrder = wordOrder ?? ModbusPointConfiguration.DefaultWordOrder,
            Scale = scale ?? ModbusPointConfiguration.DefaultScale,
            Offset = offset ?? ModbusPointConfiguration.DefaultOffset,
            Unit = unit,
            Bit = isBitTable ? null : bit,
            WriteOrder = writeOrder,
            VerifyWrite = verifyWrite ?? false,
            ReportOnChange = reportOnChange ?? false,
            Deadband = deadband ?? 0,
            MaxSilence = maxSilence ?? TimeSpan.FromMinutes(5),
            Length = isText ? length ?? 0 : 0,
            EscapeLock = escapeLock,
            SafeState = safeState,
            LifeSafety = lifeSafety ?? false,
        };
    }

    /// <summary>Reads the level a coil returns to when the rule engine stops; only coils have one.</summary>
    private static bool? ReadCoilSafeState(MappingReader point, ModbusFunction? function, bool escapeLock)
    {
        var safeStateValue = point.Key("safeState");
        if (function is not (ModbusFunction.Coil or null) && safeStateValue.IsPresent)
        {
            safeStateValue.Report(ConfigurationProblemKind.InvalidCombination, safeStateValue.RawText, new ProblemMessage(MessageKeys.CoilOnlySafeState));
            return null;
        }

        return escapeLock || safeStateValue.IsPresent ? safeStateValue.OptionalBoolean("false") : null;
    }

    /// <summary>
    /// A string needs its length in registers, and only the byte swap inside a register applies to it: ABCD puts the
    /// first character in the high byte, BADC in the low byte.
    /// </summary>
    private static void CheckStringKeys(
        MappingReader point,
        ValueReader lengthValue,
        ValueReader orderValue,
        ModbusWordOrder? wordOrder,
        ValueReader writeOrderValue,
        ModbusWordOrder? writeOrder)
    {
        if (!lengthValue.IsPresent)
        {
            point.ReportMissingKey(lengthValue.Key, new ProblemMessage(MessageKeys.StringNeedsLength), "8");
        }

        foreach (var (value, order) in new[] { (orderValue, wordOrder), (writeOrderValue, writeOrder) })
        {
            if (order is ModbusWordOrder.Cdab or ModbusWordOrder.Dcba)
            {
                value.Report(ConfigurationProblemKind.InvalidCombination, value.RawText, new ProblemMessage(MessageKeys.StringOrderInvalid, value.RawText ?? string.Empty));
            }
        }
    }

    /// <summary>Coils and discrete inputs are single bits, so a data type or a bit number does not apply.</summary>
    private static void ReportBitTableKey(ValueReader key)
    {
        if (key.IsPresent)
        {
            key.Report(ConfigurationProblemKind.InvalidCombination, key.RawText, new ProblemMessage(MessageKeys.KeyOnBitTable, key.Key));
        }
    }

    private static double? ReadDeadband(ValueReader deadbandValue)
    {
        var deadband = deadbandValue.OptionalNumber("5");
        if (deadband < 0)
        {
            deadbandValue.ReportOutOfRange(deadbandValue.RawText ?? string.Empty, Expect.NonNegativeNumber, "5");
            return null;
        }

        return deadband;
    }

    /// <summary>Returns the number of 16-bit registers a value of <paramref name="type"/> occupies; a string takes its <paramref name="length"/>.</summary>
    public static int RegisterCount(ModbusDataType type, int length = 0) => type switch
    {
        ModbusDataType.Int16 or ModbusDataType.UInt16 => 1,
        ModbusDataType.Int32 or ModbusDataType.UInt32 or ModbusDataType.Float32 => 2,
        ModbusDataType.String => length,
        _ => 4,
    };

    /// <summary>
    /// Reads the zero-based protocol address. A six-digit value such as 400001 is the extended register numbering of
    /// some device manuals: 1xxxxx discrete inputs, 3xxxxx input registers, 4xxxxx holding registers, each starting at
    /// x00001 for address 0. Its out-of-range message therefore gives the address it stands for.
    /// </summary>
    private static int? ReadAddress(ValueReader addressValue)
    {
        if (addressValue.RawText is { } text
            && ScalarValues.TryParseInteger(text, out var number) == IntegerParse.Valid
            && number is >= 100001 and <= 465536
            && (number / 100000) is 1 or 3 or 4
            && number % 100000 is >= 1 and <= LastAddress + 1)
        {
            var first = (number / 100000 * 100000) + 1;
            var name = string.Create(CultureInfo.InvariantCulture, $"{number / 100000}xxxxx");
            addressValue.Report(ConfigurationProblemKind.OutOfRange, text, new ProblemMessage(MessageKeys.ModbusAddressSixDigitRegister, text, name, first, number - first));
            return null;
        }

        return addressValue.RequiredInteger(0, LastAddress, "0");
    }

    private static double? ReadScale(ValueReader scaleValue)
    {
        var scale = scaleValue.OptionalNumber("0.1");
        if (scale == 0)
        {
            // A scale of 0 would report every value as the offset.
            scaleValue.ReportOutOfRange(scaleValue.RawText ?? "0", Expect.NonZeroNumber, "0.1");
            return null;
        }

        return scale;
    }

    /// <summary>The last register of a multi-register value must still be an address the protocol can carry.</summary>
    private static void CheckSpan(ValueReader addressValue, int address, ModbusDataType type, int length)
    {
        var count = RegisterCount(type, length);
        var lastStart = LastAddress - count + 1;
        if (address > lastStart)
        {
            var text = addressValue.RawText ?? string.Empty;
            var message = new ProblemMessage(MessageKeys.AddressSpanOverflow, DataTypes.NameOf(type), count, text, lastStart);
            addressValue.Report(ConfigurationProblemKind.OutOfRange, text, message);
        }
    }
}
