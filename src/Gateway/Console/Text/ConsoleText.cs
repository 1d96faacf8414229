using System.Globalization;
using System.Resources;

namespace SmartCampus.Edge.Gateway.WebConsole.Text;

/// <summary>
/// Text of the console pages in the request's UI culture (en or zh-CN). The namespace is WebConsole, not Console,
/// so that <c>Console.Out</c> keeps meaning <see cref="System.Console"/> everywhere in the gateway.
/// </summary>
internal static class ConsoleText
{
    private static readonly ResourceManager Resources = new(typeof(ConsoleText));

    public static string Get(string name) =>
        Resources.GetString(name, CultureInfo.CurrentUICulture)
        ?? throw new InvalidOperationException($"Resource string '{name}' is missing from ConsoleText.resx.");

    public static string Format(string name, params object?[] arguments) =>
        string.Format(CultureInfo.CurrentCulture, Get(name), arguments);
}
