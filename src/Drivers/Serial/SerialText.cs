using System.Globalization;
using System.Resources;

namespace SmartCampus.Edge.Drivers.Serial;

/// <summary>Operator text of the serial port from SerialText.resx (en) and SerialText.zh-CN.resx.</summary>
internal static class SerialText
{
    private static readonly ResourceManager Resources = new(typeof(SerialText));

    /// <summary>Formats the resource <paramref name="key"/>, falling back to English for a culture without text.</summary>
    public static string Format(CultureInfo culture, string key, params object?[] arguments)
    {
        var template = Resources.GetString(key, culture)
            ?? throw new InvalidOperationException($"Resource '{key}' is missing from SerialText.resx.");
        return string.Format(culture, template, arguments);
    }
}
