using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Modbus.Decoding;

namespace SmartCampus.Edge.Drivers.Modbus.Points;

/// <summary>Turns a point's registers into its value, as the poller publishes it.</summary>
public static class ModbusPointDecoder
{
    /// <summary>
    /// Decodes <paramref name="registers"/> (the point's own registers, or for a coil or discrete input one word of 0
    /// or 1) into a boolean, a text or a scaled number. A float that decodes to NaN or infinity gives
    /// <see cref="PointValue.None"/>, because such a register usually means a sensor fault rather than a reading.
    /// </summary>
    public static PointValue Decode(ModbusPointOptions point, ReadOnlySpan<ushort> registers)
    {
        ArgumentNullException.ThrowIfNull(point);

        if (point.IsBoolean)
        {
            var on = point.Bit is { } bit ? ((registers[0] >> bit) & 1) != 0 : registers[0] != 0;
            return PointValue.FromBoolean(on);
        }

        if (point.IsText)
        {
            return PointValue.FromText(ModbusValueCodec.DecodeString(registers[..point.RegisterCount], point.Order));
        }

        var value = ModbusValueCodec.DecodeScaled(registers, point.Type, point.Order, point.Scale, point.Offset);
        return double.IsFinite(value) ? PointValue.FromNumber(value) : PointValue.None;
    }
}
