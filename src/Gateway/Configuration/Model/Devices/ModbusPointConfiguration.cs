namespace SmartCampus.Edge.Gateway.Configuration.Model.Devices;

/// <summary>
/// One value read from a Modbus device. The reported value is raw × <see cref="Scale"/> + <see cref="Offset"/>.
/// </summary>
public sealed record ModbusPointConfiguration
{
    public const ModbusWordOrder DefaultWordOrder = ModbusWordOrder.Abcd;

    public const double DefaultScale = 1;

    public const double DefaultOffset = 0;

    /// <summary>Point id of letters, digits, '-' and '_', unique within the device.</summary>
    public required string Id { get; init; }

    public required ModbusFunction Function { get; init; }

    /// <summary>Zero-based protocol address of the first register, 0 to 65535 (not the 4xxxx register number).</summary>
    public required int Address { get; init; }

    public required ModbusDataType DataType { get; init; }

    /// <summary>Byte order for 32- and 64-bit types, and the byte swap of 16-bit types (BADC, DCBA).</summary>
    public required ModbusWordOrder WordOrder { get; init; }

    /// <summary>Registers of a <see cref="ModbusDataType.String"/> point, 1 to 125, two ASCII characters each; 0 for other types.</summary>
    public int Length { get; init; }

    /// <summary>Multiplier applied to the raw value; never 0.</summary>
    public required double Scale { get; init; }

    public required double Offset { get; init; }

    /// <summary>Engineering unit for display, for example ppm or °C.</summary>
    public string? Unit { get; init; }

    /// <summary>Bit 0 (least significant) to 15 of a 16-bit register, read as a boolean; null for a whole value.</summary>
    public int? Bit { get; init; }

    /// <summary>Word order used when writing, where a device writes in another order than it reads; null for <see cref="WordOrder"/>.</summary>
    public ModbusWordOrder? WriteOrder { get; init; }

    /// <summary>Read the value back after a write and report a mismatch as a failed write.</summary>
    public bool VerifyWrite { get; init; }

    /// <summary>Publish only changes larger than <see cref="Deadband"/> (engineering units), and at least every <see cref="MaxSilence"/>.</summary>
    public bool ReportOnChange { get; init; }

    public double Deadband { get; init; }

    public TimeSpan MaxSilence { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Coils only: the coil drives the lock of a door on an escape route (<c>escapeLock</c>); true reads "locked".</summary>
    public bool EscapeLock { get; init; }

    /// <summary>
    /// Coils only: the value a setOutput leaves on the coil when the rule engine stops (<c>safeState</c>); null when
    /// not written. False for an escape lock. The Modbus driver writes nothing of its own at start or stop.
    /// </summary>
    public bool? SafeState { get; init; }

    /// <summary>
    /// The point switches power to a life-safety device (<c>lifeSafety</c>), such as the PoE port of a fire panel's
    /// camera or an escape-door controller: technician tools refuse to switch it off without <c>--force</c>.
    /// </summary>
    public bool LifeSafety { get; init; }
}
