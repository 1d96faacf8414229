using System.Globalization;
using SmartCampus.Edge.Gateway.Configuration.Model;
using SmartCampus.Edge.Gateway.Configuration.Secrets;

namespace SmartCampus.Edge.Gateway.Configuration.Warnings;

/// <summary>
/// The warnings of a valid configuration, as <c>smartcampus-edge check</c> prints them and the console's configuration
/// page shows them: secret files that others may read, then Modbus point maps that are probably wrong. A warning
/// never stops the gateway from starting with the file.
/// </summary>
public static class ConfigurationWarnings
{
    /// <summary>Returns one line per warning with the fix, in <paramref name="culture"/>.</summary>
    public static IReadOnlyList<string> FormatLines(SiteConfiguration site, CultureInfo culture) =>
        [.. SecretFileCheck.FormatLines(SecretFileCheck.FindExposed(site), culture), .. ModbusRegisterCheck.FormatLines(site, culture)];
}
