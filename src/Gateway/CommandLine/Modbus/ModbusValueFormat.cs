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

    /// <summary>Returns a value as the gateway publishes it; text in quotes so that padding and empty text show.</summary>
    public static string Value(PointValue value) => value.Kind switch
    {
        PointValueKind.Text => $"\"{value.Text}\"",
        PointValueKind.None => ModbusCliText.Get("ValueNone"),
        _ => value.ToString(),
    };
}
