using System.Globalization;
using System.Resources;

namespace SmartCampus.Edge.Gateway.CommandLine.Modbus;

/// <summary>Operator text of the <c>modbus</c> commands from ModbusCliText.resx (en) and ModbusCliText.zh-CN.resx.</summary>
internal static class ModbusCliText
{
    private static readonly ResourceManager Resources = new(typeof(ModbusCliText));

    public static string Get(string name) =>
        Resources.GetString(name, CultureInfo.CurrentUICulture)
        ?? throw new InvalidOperationException($"Resource string '{name}' is missing from ModbusCliText.resx.");

    public static string Format(string name, params object?[] arguments) =>
        string.Format(CultureInfo.CurrentCulture, Get(name), arguments);
}
