using System.Globalization;
using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Gateway.Configuration.Secrets;

namespace SmartCampus.Edge.Gateway.Configuration.Warnings;

/// <summary>
/// The warnings of a valid configuration, as <c>smartcampus-edge check</c> prints them, the console's configuration
/// page shows them and the gateway logs them at start: secret files that others may read, then Modbus point maps that
/// are probably wrong. A warning never stops the gateway from starting with the file.
/// </summary>
public static class ConfigurationWarnings
{
    private static readonly CultureInfo LogCulture = CultureInfo.GetCultureInfo("en");

    /// <summary>
    /// Returns one line per warning of a valid load result, each after the same file:line:column and key path as a
    /// problem line. Returns an empty list when the result has problems.
    /// </summary>
    public static IReadOnlyList<string> FormatLines(SiteConfigurationLoadResult result, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(culture);

        return Find(result)
            .Select(warning => ConfigurationReport.FormatWarning(result.SourceName, warning.At, warning.DeviceId, warning.Message.Format(culture), culture))
            .ToList();
    }

    /// <summary>
    /// Logs one warning per finding in English, with its file, line, column and key path as properties. The rendered
    /// text is the line that <c>smartcampus-edge check --language en</c> prints.
    /// </summary>
    public static void WriteTo(ILogger logger, SiteConfigurationLoadResult result)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(result);

        // NOTE: a warning whose position the load did not record is logged at line 0, column 0, where check prints
        // only the file name. Every value that a warning names records its position, so this is not expected.
        foreach (var warning in Find(result))
        {
            var (at, source, text) = (warning.At, result.SourceName, warning.Message.Format(LogCulture));
            switch (warning.DeviceId)
            {
                case { } deviceId when at.Profile is { } profile:
                    Log.ProfileConfigurationWarning(
                        logger, profile.File, profile.Line, profile.Column, profile.Path, deviceId, profile.Name, source, at.Line, at.Column, text);
                    break;

                case { } deviceId:
                    Log.DeviceConfigurationWarning(logger, source, at.Line, at.Column, at.Path, deviceId, text);
                    break;

                default:
                    Log.ConfigurationWarning(logger, source, at.Line, at.Column, at.Path, text);
                    break;
            }
        }
    }

    private static List<LocatedWarning> Find(SiteConfigurationLoadResult result)
    {
        if (result.Configuration is not { } site)
        {
            return [];
        }

        return
        [
            .. SecretFileCheck.Locate(SecretFileCheck.FindExposed(site), result.Positions),
            .. ModbusRegisterCheck.Locate(site, result.Positions),
        ];
    }
}
