using SmartCampus.Edge.Drivers.Modbus.Decoding;

namespace SmartCampus.Edge.Drivers.Modbus.Points;

/// <summary>One point of a Modbus device: where its registers are and how they become a number.</summary>
public sealed class ModbusPointOptions
{
    /// <summary>Point name, the second half of the point id (<c>device.point</c>).</summary>
    public required string Name { get; init; }

    public ModbusRegisterKind Function { get; init; } = ModbusRegisterKind.Holding;

    /// <summary>Zero-based register address as sent on the wire (register 40001 in 1-based notation is 0).</summary>
    public ushort Address { get; init; }

    public ModbusDataType Type { get; init; } = ModbusDataType.UInt16;

    public ModbusWordOrder Order { get; init; } = ModbusWordOrder.ABCD;

    /// <summary>Multiplier from the raw value to engineering units: value = raw × Scale + Offset.</summary>
    public double Scale { get; init; } = 1;

    /// <summary>Added after <see cref="Scale"/>, in engineering units.</summary>
    public double Offset { get; init; }

    /// <summary>Engineering unit for display, such as <c>ppm</c> or <c>°C</c>. The driver does not use it.</summary>
    public string? Unit { get; init; }

    public int RegisterCount => ModbusValueCodec.RegisterCount(Type);
}
