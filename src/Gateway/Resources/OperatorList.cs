using System.Globalization;

namespace SmartCampus.Edge.Gateway.Resources;

/// <summary>
/// Joins names for operator text with the list separator of the language: "、" in zh-CN, ", " in en. Every list a
/// technician reads (CLI output, configuration problems) goes through here, so one text never mixes separators.
/// </summary>
internal static class OperatorList
{
    /// <summary>Joins <paramref name="names"/> in the current UI culture.</summary>
    public static string Join(IEnumerable<string> names) => JoinIn(names, CultureInfo.CurrentUICulture);

    /// <summary>Joins <paramref name="names"/> in <paramref name="culture"/>, for texts formatted in another language than the UI's.</summary>
    public static string JoinIn(IEnumerable<string> names, CultureInfo culture) =>
        string.Join(GatewayText.GetIn("ListSeparator", culture), names);
}
