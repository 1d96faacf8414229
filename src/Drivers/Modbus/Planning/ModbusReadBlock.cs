using SmartCampus.Edge.Drivers.Modbus.Points;

namespace SmartCampus.Edge.Drivers.Modbus.Planning;

/// <summary>One FC1, FC2, FC3 or FC4 request and the points decoded from its reply.</summary>
/// <param name="Kind">Register table, which gives the function.</param>
/// <param name="Address">First register of the request.</param>
/// <param name="Quantity">Registers in the request, 1..125, or bits, 1..2000.</param>
/// <param name="Points">Points whose registers all lie inside the request, in address order.</param>
public sealed record ModbusReadBlock(
    ModbusRegisterKind Kind,
    ushort Address,
    ushort Quantity,
    IReadOnlyList<ModbusPointOptions> Points)
{
    /// <summary>Offset of <paramref name="point"/>'s first register within the reply's registers.</summary>
    public int OffsetOf(ModbusPointOptions point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return point.Address - Address;
    }
}
