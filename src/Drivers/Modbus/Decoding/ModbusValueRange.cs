namespace SmartCampus.Edge.Drivers.Modbus.Decoding;

/// <summary>The engineering-unit values a point can be written with, so that a rejected write can name the range.</summary>
public static class ModbusValueRange
{
    /// <summary>
    /// Returns the lowest and highest value that <see cref="ModbusValueCodec.TryEncodeScaled"/> accepts for
    /// <paramref name="type"/>: the type's raw range times <paramref name="scale"/> plus <paramref name="offset"/>, low
    /// end first for a negative scale. Float types give their largest finite magnitude.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="type"/> is <see cref="ModbusDataType.String"/>, which has no numeric range.</exception>
    public static (double Min, double Max) Writable(ModbusDataType type, double scale, double offset)
    {
        var (low, high) = type switch
        {
            ModbusDataType.Int16 => (short.MinValue, short.MaxValue),
            ModbusDataType.UInt16 => (ushort.MinValue, ushort.MaxValue),
            ModbusDataType.Int32 => (int.MinValue, int.MaxValue),
            ModbusDataType.UInt32 => (uint.MinValue, uint.MaxValue),
            ModbusDataType.Int64 => (long.MinValue, long.MaxValue),
            ModbusDataType.UInt64 => (ulong.MinValue, (double)ulong.MaxValue),
            ModbusDataType.Float32 => (-float.MaxValue, float.MaxValue),
            ModbusDataType.Float64 => (-double.MaxValue, double.MaxValue),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Only numeric types have a range."),
        };

        var first = (low * scale) + offset;
        var last = (high * scale) + offset;
        return (Math.Min(first, last), Math.Max(first, last));
    }

    /// <summary>Returns the type as a site configuration writes it (<c>uint16</c>, <c>float32</c>).</summary>
    public static string TypeName(ModbusDataType type) => type.ToString().ToLowerInvariant();
}
