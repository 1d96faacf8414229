using System.Globalization;
using System.Text;
using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Resources;

namespace SmartCampus.Edge.Gateway.Configuration;

/// <summary>
/// Formats where a problem or warning lies, the part of a report line before its message:
/// <c>campus.yaml:42:7 devices[0].points[2].address = 70000 (device air)</c>. A value inside a device profile is
/// located in the profile file, followed by the place in the site file that names the profile:
/// <c>/etc/smartcampus-edge/profiles/meter-x.yaml:9:14 points[1].address = 70000 (device meter, profile meter-x referenced at campus.yaml:19:14)</c>.
/// </summary>
internal static class LocationText
{
    /// <summary>Formats a position in the site file, or in the profile file when <paramref name="profile"/> is set.</summary>
    public static StringBuilder Format(
        string sourceName, int lineNumber, int column, string path, string? value, string? deviceId, ProfileLocation? profile, CultureInfo culture)
    {
        if (profile is null)
        {
            return Locate(sourceName, lineNumber, column, path, value, deviceId, culture);
        }

        var site = Locate(sourceName, lineNumber, column, string.Empty, null, null, culture).ToString();
        var reference = deviceId is null
            ? new ProblemMessage(MessageKeys.ReportProfile, profile.Name, site)
            : new ProblemMessage(MessageKeys.ReportDeviceProfile, deviceId, profile.Name, site);
        return AppendQualifier(Locate(profile.File, profile.Line, profile.Column, profile.Path, profile.Value, null, culture), reference.Format(culture));
    }

    private static StringBuilder Locate(string sourceName, int lineNumber, int column, string path, string? value, string? deviceId, CultureInfo culture)
    {
        var line = new StringBuilder(sourceName);
        if (lineNumber > 0)
        {
            line.Append(CultureInfo.InvariantCulture, $":{lineNumber}:{column}");
        }

        // The value is shown after its key path; a file-level problem (such as a root that is a single value) has none.
        if (path.Length > 0)
        {
            line.Append(' ').Append(path);
            if (value is not null)
            {
                line.Append(" = ").Append(value);
            }
        }

        if (deviceId is not null)
        {
            AppendQualifier(line, new ProblemMessage(MessageKeys.ReportDevice, deviceId).Format(culture));
        }

        return line;
    }

    /// <summary>
    /// Appends a bracketed qualifier such as the device id. Chinese text puts no space before a full-width bracket,
    /// whose glyph already carries the spacing; an ASCII bracket gets one.
    /// </summary>
    private static StringBuilder AppendQualifier(StringBuilder line, string qualifier)
    {
        if (!qualifier.StartsWith('（'))
        {
            line.Append(' ');
        }

        return line.Append(qualifier);
    }
}
