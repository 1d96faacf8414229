using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SmartCampus.Edge.Gateway.WebConsole.Hosting;

/// <summary>The style sheet and script, embedded in the gateway binary so the console needs no files beside it.</summary>
internal static class StaticFiles
{
    private static readonly Dictionary<string, (byte[] Content, string ContentType)> Files = new(StringComparer.Ordinal)
    {
        ["console.css"] = (Read("console.css"), "text/css; charset=utf-8"),
        ["console.js"] = (Read("console.js"), "text/javascript; charset=utf-8"),
    };

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/static/{name}", (string name) =>
            Files.TryGetValue(name, out var file) ? Results.Bytes(file.Content, file.ContentType) : Results.NotFound()).AllowAnonymous();

    private static byte[] Read(string name)
    {
        using var stream = typeof(StaticFiles).Assembly.GetManifestResourceStream($"console-static/{name}")
            ?? throw new InvalidOperationException($"The console file {name} is not embedded in the gateway.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
