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

    /// <summary>Multiplier applied to the raw value; never 0.</summary>
    public required double Scale { get; init; }

    public required double Offset { get; init; }

    /// <summary>Engineering unit for display, for example ppm or °C.</summary>
    public string? Unit { get; init; }
}
