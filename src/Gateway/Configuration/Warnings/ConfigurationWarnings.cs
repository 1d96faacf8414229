using System.Globalization;
using SmartCampus.Edge.Gateway.Configuration.Secrets;

namespace SmartCampus.Edge.Gateway.Configuration.Warnings;

/// <summary>
/// The warnings of a valid configuration, as <c>smartcampus-edge check</c> prints them and the console's configuration
/// page shows them: secret files that others may read, then Modbus point maps that are probably wrong. A warning
/// never stops the gateway from starting with the file.
/// </summary>
public static class ConfigurationWarnings
{
    /// <summary>
    /// Returns one line per warning of a valid load result, each after the same file:line:column and key path as a
    /// problem line. Returns an empty list when the result has problems.
    /// </summary>
    public static IReadOnlyList<string> FormatLines(SiteConfigurationLoadResult result, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(culture);
        if (result.Configuration is not { } site)
        {
            return [];
        }

        var exposed = SecretFileCheck.FindExposed(site);
        return
        [
            .. SecretFileCheck.FormatLines(exposed, result.Positions, result.SourceName, culture),
            .. ModbusRegisterCheck.FormatLines(site, result.Positions, result.SourceName, culture),
        ];
    }
}
