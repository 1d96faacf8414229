using System.Globalization;
using SmartCampus.Edge.Gateway.Configuration.Model.Devices;

namespace SmartCampus.Edge.Gateway.Configuration.Validation;

/// <summary>
/// How a writable Modbus point encodes a value, so a setOutput value can be checked before the driver gets it. The
/// driver writes <c>(value − offset) / scale</c>, rounded half away from zero for integer types.
/// </summary>
internal sealed record ModbusOutputShape(ModbusFunction Function, ModbusDataType DataType, int? Bit, double Scale, double Offset)
{
    /// <summary>Whether the point takes any number: a whole holding register. A coil or a register bit takes 0 and 1 only.</summary>
    public bool TakesNumbers => Function == ModbusFunction.Holding && Bit is null;

    /// <summary>Whether the driver can encode <paramref name="value"/> (engineering units) in the point's type.</summary>
    public bool Fits(double value)
    {
        var raw = (value - Offset) / Scale;
        if (!double.IsFinite(raw))
        {
            return false;
        }

        var whole = Math.Round(raw, MidpointRounding.AwayFromZero);
        return DataType switch
        {
            ModbusDataType.Int16 => whole is >= short.MinValue and <= short.MaxValue,
            ModbusDataType.UInt16 => whole is >= ushort.MinValue and <= ushort.MaxValue,
            ModbusDataType.Int32 => whole is >= int.MinValue and <= int.MaxValue,
            ModbusDataType.UInt32 => whole is >= uint.MinValue and <= uint.MaxValue,
            ModbusDataType.Int64 => whole is >= -9223372036854775808.0 and < 9223372036854775808.0,
            ModbusDataType.UInt64 => whole is >= 0 and < 18446744073709551616.0,
            ModbusDataType.Float32 => float.IsFinite((float)raw),
            ModbusDataType.Float64 => true,
            _ => false,
        };
    }

    /// <summary>The lowest and highest value the point can hold, in engineering units, as text for a message.</summary>
    public (string Min, string Max) DescribeRange()
    {
        var (rawMin, rawMax) = DataType switch
        {
            ModbusDataType.Int16 => (short.MinValue, short.MaxValue),
            ModbusDataType.UInt16 => (ushort.MinValue, ushort.MaxValue),
            ModbusDataType.Int32 => (int.MinValue, int.MaxValue),
            ModbusDataType.UInt32 => (uint.MinValue, uint.MaxValue),
            ModbusDataType.Int64 => (long.MinValue, long.MaxValue),
            ModbusDataType.UInt64 => (ulong.MinValue, ulong.MaxValue),
            ModbusDataType.Float32 => (-(double)float.MaxValue, float.MaxValue),
            _ => (double.MinValue, double.MaxValue),
        };

        var low = (rawMin * Scale) + Offset;
        var high = (rawMax * Scale) + Offset;
        return (Math.Min(low, high).ToString("G6", CultureInfo.InvariantCulture), Math.Max(low, high).ToString("G6", CultureInfo.InvariantCulture));
    }

    /// <summary>The type as the file writes it, with scale and offset when they are not 1 and 0.</summary>
    public string DescribeType()
    {
        var type = DataType.ToString().ToLowerInvariant();
        return Scale == 1 && Offset == 0
            ? type
            : string.Create(CultureInfo.InvariantCulture, $"{type}, scale {Scale:G6}, offset {Offset:G6}");
    }
}
