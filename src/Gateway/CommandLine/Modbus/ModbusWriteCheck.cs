using System.Globalization;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Modbus.Decoding;
using SmartCampus.Edge.Drivers.Modbus.Points;

namespace SmartCampus.Edge.Gateway.CommandLine.Modbus;

/// <summary>
/// Checks a <c>modbus write</c> before anything is sent: the table must be writable and the value must fit the
/// point. Returns the registers the value encodes to, which the command prints so that rounding shows (21.5 written
/// to a uint16 register is 22).
/// </summary>
internal static class ModbusWriteCheck
{
    /// <summary>The registers to write (null for a coil), or the operator text of the problem.</summary>
    public readonly record struct Outcome(ushort[]? Registers, string? Error);

    /// <param name="fromPoint">True when <c>--point</c> selected a campus.yaml point, whose name the text gives.</param>
    public static Outcome Check(ModbusPointOptions point, PointValue value, bool fromPoint)
    {
        ArgumentNullException.ThrowIfNull(point);

        var where = ModbusValueFormat.Address(point.Function, point.Address);
        var subject = fromPoint ? ModbusCliText.Format("WritePointSubject", point.Name, where) : where;
        if (point.Function is ModbusRegisterKind.Input or ModbusRegisterKind.DiscreteInput)
        {
            return new(null, ModbusCliText.Format("WriteReadOnly", subject));
        }

        // NOTE: a bit of a holding register stays read-only in the driver; its writer gives that text.
        if (point.IsBoolean)
        {
            return new(null, null);
        }

        var registers = new ushort[point.RegisterCount];
        var order = point.WriteOrder ?? point.Order;
        if (point.IsText)
        {
            return ModbusValueCodec.TryEncodeString(value.Text ?? string.Empty, order, registers)
                ? new(registers, null)
                : new(null, ModbusCliText.Format("WriteTextInvalid", value.Text, 2 * registers.Length, registers.Length));
        }

        if (ModbusValueCodec.TryEncodeScaled(value.Number, point.Type, order, point.Scale, point.Offset, registers))
        {
            return new(registers, null);
        }

        var (min, max) = ModbusValueRange.Writable(point.Type, point.Scale, point.Offset);
        var typeName = ModbusValueRange.TypeName(point.Type);
        var low = min.ToString("G10", CultureInfo.InvariantCulture);
        var high = max.ToString("G10", CultureInfo.InvariantCulture);
        var number = value.Number.ToString(CultureInfo.InvariantCulture);
        return new(null, fromPoint
            ? ModbusCliText.Format("WriteOutOfRangePoint", number, point.Name, typeName, low, high)
            : ModbusCliText.Format("WriteOutOfRangeType", number, typeName, low, high));
    }
}
