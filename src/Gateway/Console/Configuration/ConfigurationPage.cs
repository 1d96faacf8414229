using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Gateway.Configuration.Model;
using SmartCampus.Edge.Gateway.WebConsole.Pages;
using SmartCampus.Edge.Gateway.WebConsole.Text;

namespace SmartCampus.Edge.Gateway.WebConsole.Configuration;

/// <summary>
/// Checks an uploaded or pasted campus.yaml with the gateway's own validation and shows the full report, in the
/// page's language. Nothing is written: the running configuration stays as it is.
/// </summary>
// TODO: applying a validated file (write it, restart the host, roll back when the new one does not come up) is not
// built yet, so the page asks the technician to copy the file and restart the service.
internal static class ConfigurationPage
{
    /// <summary>Largest file accepted; a large school's campus.yaml is a few hundred kilobytes.</summary>
    public const int MaxBytes = 2 * 1024 * 1024;

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/configuration", (HttpContext context) => Render(ConsolePage.For(context), null, null, false, string.Empty));
        routes.MapPost("/configuration/validate", ValidateAsync);
    }

    private static async Task<IResult> ValidateAsync(HttpContext context, SiteConfiguration site)
    {
        if (context.Request.ContentLength > MaxBytes)
        {
            return Render(ConsolePage.For(context), ConsoleText.Format("ConfigurationTooLarge", MaxBytes / 1024 / 1024), null, true, string.Empty, StatusCodes.Status413PayloadTooLarge);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var yaml = form["yaml"].ToString();
        if (form.Files.GetFile("file") is { Length: > 0 } file)
        {
            using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
            yaml = await reader.ReadToEndAsync(context.RequestAborted);
        }

        if (string.IsNullOrWhiteSpace(yaml))
        {
            return Render(ConsolePage.For(context), ConsoleText.Get("ConfigurationEmpty"), null, true, yaml, StatusCodes.Status400BadRequest);
        }

        // NOTE: relative paths in the checked file resolve against the data folder's parent, which is the folder of
        // campus.yaml only when dataDirectory is written relative to it (as in the demo).
        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(site.Gateway.DataDirectory)) ?? Path.GetFullPath(site.Gateway.DataDirectory);
        var result = SiteConfigurationLoader.LoadFromText(yaml, "campus.yaml", baseDirectory, CultureInfo.CurrentUICulture);
        if (result.Configuration is { } checkedSite && result.IsValid)
        {
            var valid = ConsoleText.Format("ConfigurationValid", checkedSite.Devices.Count, checkedSite.Rules.Count);
            return Render(ConsolePage.For(context), valid, null, false, yaml);
        }

        var report = ConfigurationReport.Format(result);
        return Render(ConsolePage.For(context), ConsoleText.Get("ConfigurationInvalid"), report, true, yaml, StatusCodes.Status422UnprocessableEntity);
    }

    private static IResult Render(ConsolePage page, string? notice, string? report, bool isError, string yaml, int statusCode = StatusCodes.Status200OK)
    {
        var body = new StringBuilder();
        body.Append("<p>").Append(Html.E(ConsoleText.Get("ConfigurationExplain"))).Append("</p>");
        if (report is not null)
        {
            body.Append("<pre class=\"report\" id=\"report\">").Append(Html.E(report)).Append("</pre>");
        }

        var form = page.Form("/configuration/validate", $"""
            <label>{Html.E(ConsoleText.Get("ConfigurationFile"))}<input type="file" name="file" id="file" accept=".yaml,.yml,text/yaml"></label>
            <label>{Html.E(ConsoleText.Get("ConfigurationText"))}<textarea name="yaml" id="yaml" rows="16" spellcheck="false">{Html.E(yaml)}</textarea></label>
            <button type="submit" id="validate">{Html.E(ConsoleText.Get("ConfigurationValidate"))}</button>
            """, "stack wide");
        body.Append(form.Replace("<form method=\"post\"", "<form method=\"post\" enctype=\"multipart/form-data\"", StringComparison.Ordinal));
        return page.Render("ConfigurationTitle", body.ToString(), notice, isError, statusCode);
    }
}
