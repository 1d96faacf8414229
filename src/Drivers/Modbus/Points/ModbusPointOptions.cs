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

    /// <summary>Registers of a <see cref="ModbusDataType.String"/> point, 1..125, two ASCII characters each. Unused by other types.</summary>
    public int Length { get; init; }

    /// <summary>Multiplier from the raw value to engineering units: value = raw × Scale + Offset.</summary>
    public double Scale { get; init; } = 1;

    /// <summary>Added after <see cref="Scale"/>, in engineering units.</summary>
    public double Offset { get; init; }

    /// <summary>Engineering unit for display, such as <c>ppm</c> or <c>°C</c>. The driver does not use it.</summary>
    public string? Unit { get; init; }

    /// <summary>
    /// Bit 0..15 (0 = least significant) of a holding or input register read as a bool point, or null for a number.
    /// Such a point is read-only.
    /// </summary>
    public int? Bit { get; init; }

    /// <summary>Word order for writes when the device expects another than for reads; null means <see cref="Order"/>.</summary>
    public ModbusWordOrder? WriteOrder { get; init; }

    /// <summary>How a one-register or one-coil write goes out: FC6/FC5, or FC16/FC15 for devices that accept only those.</summary>
    public ModbusWriteMode WriteMode { get; init; } = ModbusWriteMode.Auto;

    /// <summary>Reads the point back after a write and fails the write when the device returns another value.</summary>
    public bool VerifyWrite { get; init; }

    /// <summary>
    /// Publish a good value only when it differs from the last published one by more than <see cref="Deadband"/>
    /// (engineering units), or when <see cref="MaxSilence"/> passed. Bad samples are published when quality changes.
    /// </summary>
    public bool ReportOnChange { get; init; }

    /// <summary>Change below which a value counts as unchanged with <see cref="ReportOnChange"/>. 0 means any change.</summary>
    public double Deadband { get; init; }

    /// <summary>Longest time without a published sample under <see cref="ReportOnChange"/>. Default 5 min.</summary>
    public TimeSpan MaxSilence { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>True for a coil, a discrete input or a bit of a register.</summary>
    public bool IsBoolean => Function is ModbusRegisterKind.Coil or ModbusRegisterKind.DiscreteInput || Bit is not null;

    /// <summary>Registers (or bits, in the coil and discrete-input tables) the point occupies.</summary>
    public int RegisterCount => IsBoolean ? 1 : Type == ModbusDataType.String ? Length : ModbusValueCodec.RegisterCount(Type);

    /// <summary>True for a <see cref="ModbusDataType.String"/> point that is not a bit or coil.</summary>
    public bool IsText => !IsBoolean && Type == ModbusDataType.String;
}
