using System.Globalization;

namespace SmartCampus.Edge.Gateway.Configuration.Loading;

/// <summary>Builds key paths such as <c>devices[0].points[2].address</c>.</summary>
internal static class KeyPath
{
    public static string Child(string parent, string key) => parent.Length == 0 ? key : $"{parent}.{key}";

    public static string Item(string parent, int index) => string.Create(CultureInfo.InvariantCulture, $"{parent}[{index}]");
}
