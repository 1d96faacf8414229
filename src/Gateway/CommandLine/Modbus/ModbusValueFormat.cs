using System.Globalization;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Modbus.Points;

namespace SmartCampus.Edge.Gateway.CommandLine.Modbus;

/// <summary>How the <c>modbus</c> commands print registers and values.</summary>
internal static class ModbusValueFormat
{
    /// <summary>Returns registers as hex words, such as "0x0384 0xFFC9".</summary>
    public static string Registers(ReadOnlySpan<ushort> registers)
    {
        var words = new string[registers.Length];
        for (var i = 0; i < registers.Length; i++)
        {
            words[i] = "0x" + registers[i].ToString("X4", CultureInfo.InvariantCulture);
        }

        return string.Join(' ', words);
    }

    /// <summary>Returns a register or bit address with its area in the operator's language, such as "holding register 20".</summary>
    public static string Address(ModbusRegisterKind kind, int address) =>
        ModbusCliText.Format("AreaAddress", ModbusCliText.Get("Area" + kind), address.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// Returns a decoded value of <paramref name="point"/>. A float32 value is printed at single precision, because its
    /// double form adds digits the device never sent (230.1 would print as 230.10000610351562).
    /// </summary>
    public static string Value(PointValue value, ModbusPointOptions point) =>
        value.Kind == PointValueKind.Number && point.Type == Drivers.Modbus.Decoding.ModbusDataType.Float32 && !point.IsBoolean
            ? ((float)value.Number).ToString(CultureInfo.InvariantCulture)
            : Value(value);

    /// <summary>Returns a value as the gateway publishes it; text in quotes so that padding and empty text show.</summary>
    public static string Value(PointValue value) => value.Kind switch
    {
        PointValueKind.Text => $"\"{value.Text}\"",
        PointValueKind.None => ModbusCliText.Get("ValueNone"),
        _ => value.ToString(),
    };
}
