using System.CommandLine;
using System.Globalization;
using SmartCampus.Edge.Gateway.Hosting;

namespace SmartCampus.Edge.Gateway.CommandLine.Modbus;

/// <summary>
/// <c>smartcampus-edge modbus read|write|scan</c>: technician tools that talk to one Modbus device or bus directly,
/// without the service. Run them with the service stopped when they share its serial port.
/// </summary>
internal static class ModbusCommands
{
    public static Command Build(Option<string?> languageOption, TextWriter output)
    {
        var modbus = new Command("modbus", ModbusCliText.Get("ModbusDescription"));
        modbus.Subcommands.Add(ModbusReadCommand.Build(languageOption, output));
        modbus.Subcommands.Add(ModbusWriteCommand.Build(languageOption, output));
        modbus.Subcommands.Add(ModbusScanCommand.Build(languageOption, output));
        return modbus;
    }

    /// <summary>
    /// Makes <paramref name="language"/> the UI language of this command's flow, or writes the error and returns
    /// false when it is not supported. Only the current async flow changes, so commands run side by side in one
    /// process (as in tests) keep their own language.
    /// </summary>
    public static bool TryApplyLanguage(string? language, TextWriter output)
    {
        if (language is null)
        {
            return true;
        }

        if (!OperatorCulture.IsSupported(language))
        {
            output.WriteLine(ModbusCliText.Format("LanguageInvalid", language, string.Join(", ", OperatorCulture.Supported)));
            return false;
        }

        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        return true;
    }
}
