using System.Text;

namespace SmartCampus.Edge.Gateway.WebConsole.Metrics;

/// <summary>Names and label values as the Prometheus text format allows them.</summary>
internal static class PrometheusNames
{
    /// <summary>Metric and label names match [a-zA-Z_:][a-zA-Z0-9_:]*; every other character becomes '_'.</summary>
    public static string Sanitise(string name)
    {
        var text = new StringBuilder(name.Length + 1);
        foreach (var character in name)
        {
            text.Append(char.IsAsciiLetterOrDigit(character) || character is '_' or ':' ? character : '_');
        }

        if (text.Length == 0 || char.IsAsciiDigit(text[0]))
        {
            text.Insert(0, '_');
        }

        return text.ToString();
    }

    /// <summary>Label values escape backslash, double quote and line feed.</summary>
    public static string EscapeLabel(string? value) =>
        (value ?? string.Empty).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>HELP text escapes backslash and line feed.</summary>
    public static string EscapeHelp(string? value) =>
        (value ?? string.Empty).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
