using System.Globalization;
using SmartCampus.Edge.Drivers.Modbus.Decoding;

namespace SmartCampus.Edge.Drivers.Modbus.Points;

/// <summary>Checks a device's point list and lists every problem as operator text.</summary>
internal static class ModbusPointValidator
{
    public static void Validate(
        string deviceId,
        IReadOnlyList<ModbusPointOptions>? points,
        int maxRegistersPerRequest,
        CultureInfo culture,
        List<string> problems)
    {
        if (points is null || points.Count == 0)
        {
            problems.Add(ModbusText.Format(culture, "OptionsNoPoints", deviceId));
            return;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < points.Count; i++)
        {
            var point = points[i];
            if (string.IsNullOrWhiteSpace(point.Name))
            {
                problems.Add(ModbusText.Format(culture, "OptionsPointNameMissing", deviceId, i + 1));
                continue;
            }

            if (!names.Add(point.Name))
            {
                problems.Add(ModbusText.Format(culture, "OptionsPointNameDuplicate", deviceId, point.Name));
            }

            ValidatePoint(deviceId, point, maxRegistersPerRequest, culture, problems);
        }
    }

    private static void ValidatePoint(
        string deviceId,
        ModbusPointOptions point,
        int maxRegistersPerRequest,
        CultureInfo culture,
        List<string> problems)
    {
        var enumsValid = CheckDefined(deviceId, point, point.Function, culture, problems)
            & CheckDefined(deviceId, point, point.Type, culture, problems)
            & CheckDefined(deviceId, point, point.Order, culture, problems);

        if (enumsValid && point.IsText && !ValidateText(deviceId, point, culture, problems))
        {
            enumsValid = false;
        }

        if (enumsValid)
        {
            var count = point.RegisterCount;
            if (point.Address + count - 1 > ushort.MaxValue)
            {
                problems.Add(ModbusText.Format(culture, "OptionsPointPastLastAddress", deviceId, point.Name, point.Address, count));
            }

            if (maxRegistersPerRequest >= 1 && count > maxRegistersPerRequest)
            {
                problems.Add(ModbusText.Format(culture, "OptionsPointTooLarge", deviceId, point.Name, count, maxRegistersPerRequest));
            }
        }

        if (point.Bit is < 0 or > 15)
        {
            problems.Add(ModbusText.Format(culture, "OptionsPointBitInvalid", deviceId, point.Name, point.Bit));
        }

        if (point.Bit is not null && point.Function is ModbusRegisterKind.Coil or ModbusRegisterKind.DiscreteInput)
        {
            problems.Add(ModbusText.Format(culture, "OptionsPointBitInvalid", deviceId, point.Name, point.Bit));
        }

        if (!double.IsFinite(point.Deadband) || point.Deadband < 0 || point.MaxSilence <= TimeSpan.Zero)
        {
            problems.Add(ModbusText.Format(culture, "OptionsPointDeadbandInvalid", deviceId, point.Name));
        }

        if (!double.IsFinite(point.Scale) || point.Scale == 0)
        {
            problems.Add(ModbusText.Format(culture, "OptionsPointScaleInvalid", deviceId, point.Name));
        }

        if (!double.IsFinite(point.Offset))
        {
            problems.Add(ModbusText.Format(culture, "OptionsPointOffsetInvalid", deviceId, point.Name));
        }
    }

    /// <summary>Checks a string point's length (1..125 registers) and byte orders (ABCD or BADC); false when either is invalid.</summary>
    private static bool ValidateText(string deviceId, ModbusPointOptions point, CultureInfo culture, List<string> problems)
    {
        var valid = true;
        if (point.Length is < 1 or > Protocol.ModbusLimits.MaxReadRegisters)
        {
            problems.Add(ModbusText.Format(culture, "OptionsPointStringLengthInvalid", deviceId, point.Name, point.Length));
            valid = false;
        }

        var writeOrder = point.WriteOrder ?? point.Order;
        if (point.Order is not (ModbusWordOrder.ABCD or ModbusWordOrder.BADC) || writeOrder is not (ModbusWordOrder.ABCD or ModbusWordOrder.BADC))
        {
            var order = point.Order is ModbusWordOrder.ABCD or ModbusWordOrder.BADC ? writeOrder : point.Order;
            problems.Add(ModbusText.Format(culture, "OptionsPointStringOrderInvalid", deviceId, point.Name, order));
            valid = false;
        }

        return valid;
    }

    private static bool CheckDefined<TEnum>(
        string deviceId,
        ModbusPointOptions point,
        TEnum value,
        CultureInfo culture,
        List<string> problems)
        where TEnum : struct, Enum
    {
        if (Enum.IsDefined(value))
        {
            return true;
        }

        problems.Add(ModbusText.Format(culture, "OptionsPointEnumInvalid", deviceId, point.Name, value, typeof(TEnum).Name));
        return false;
    }
}
