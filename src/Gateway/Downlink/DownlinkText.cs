using System.Globalization;
using System.Resources;

namespace SmartCampus.Edge.Gateway.Downlink;

/// <summary>
/// Reasons in district command results and configuration reports, from DownlinkText.resx (en) and
/// DownlinkText.zh-CN.resx, in the gateway's operator language. Result statuses stay English: they are protocol.
/// </summary>
internal static class DownlinkText
{
    private static readonly ResourceManager Resources = new(typeof(DownlinkText));

    public static string Format(CultureInfo culture, string name, params object?[] arguments)
    {
        var template = Resources.GetString(name, culture)
            ?? throw new InvalidOperationException($"Resource string '{name}' is missing from DownlinkText.resx.");
        return string.Format(culture, template, arguments);
    }
}
