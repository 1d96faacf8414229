using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Gateway.Configuration.Model;
using SmartCampus.Edge.Gateway.Configuration.Warnings;
using SmartCampus.Edge.Gateway.Downlink;
using SmartCampus.Edge.Gateway.Hosting;
using SmartCampus.Edge.Gateway.WebConsole.Pages;
using SmartCampus.Edge.Gateway.WebConsole.Security;
using SmartCampus.Edge.Gateway.WebConsole.Text;
using SmartCampus.Edge.Sync.Uplink;

namespace SmartCampus.Edge.Gateway.WebConsole.Configuration;

/// <summary>
/// Checks an uploaded or pasted campus.yaml with the gateway's own validation and shows the full report, in the
/// page's language. For a valid file it shows the warnings that <c>smartcampus-edge check</c> prints instead. A valid file that differs from the running one is shown as a diff with an apply button. Apply
/// goes through the same <see cref="ConfigurationUpdater"/>, trial and rollback as a district <c>config.update</c>:
/// the file is written beside a copy of the old one, the gateway restarts, and the old file comes back unless the
/// new one runs for <see cref="ConfigurationTrial.ConfirmAfter"/>.
/// </summary>
internal static class ConfigurationPage
{
    /// <summary>Largest file accepted; a large school's campus.yaml is a few hundred kilobytes.</summary>
    public const int MaxBytes = 2 * 1024 * 1024;

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/configuration", (HttpContext context) => Render(ConsolePage.For(context), null, null, false, string.Empty));
        routes.MapPost("/configuration/validate", ValidateAsync);
        routes.MapPost("/configuration/apply", ApplyAsync).RequireAuthorization(ConsoleRoles.AdministratorPolicy);
    }

    private static async Task<IResult> ValidateAsync(HttpContext context, SiteConfiguration site, GatewayHostSettings settings)
    {
        var page = ConsolePage.For(context);
        if (await ReadYamlAsync(context) is not { } yaml)
        {
            return TooLarge(page);
        }

        if (string.IsNullOrWhiteSpace(yaml))
        {
            return Render(page, ConsoleText.Get("ConfigurationEmpty"), null, true, yaml, StatusCodes.Status400BadRequest);
        }

        var result = Validate(yaml, site, settings);
        if (result.Configuration is not { } checkedSite || !result.IsValid)
        {
            var report = ConfigurationReport.Format(result);
            return Render(page, ConsoleText.Get("ConfigurationInvalid"), report, true, yaml, StatusCodes.Status422UnprocessableEntity);
        }

        // Warnings do not block the apply, as they do not stop the gateway from starting with the file.
        var warnings = ConfigurationWarnings.FormatLines(result, CultureInfo.CurrentUICulture);
        var valid = warnings.Count == 0
            ? ConsoleText.Format("ConfigurationValid", checkedSite.Devices.Count, checkedSite.Rules.Count)
            : ConsoleText.Format("ConfigurationValidWithWarnings", checkedSite.Devices.Count, checkedSite.Rules.Count, warnings.Count);
        var warningsSection = WarningsSection(warnings);
        if (settings.ConfigurationPath is not { } path)
        {
            return Render(page, valid + " " + ConsoleText.Get("ConfigurationNoFile"), null, false, yaml, confirmation: warningsSection);
        }

        // The diff shows lines of the running file, passwords included, and leads to the apply button: administrators only.
        if (!page.IsAdministrator)
        {
            return Render(page, valid + " " + ConsoleText.Get("ConfigurationAdministratorOnly"), null, false, yaml, confirmation: warningsSection);
        }

        var current = File.ReadAllText(path);
        var confirmation = ConfirmationSection(page, path, current, yaml);
        return Render(page, valid, null, false, yaml, confirmation: warningsSection + confirmation);
    }

    /// <summary>Returns the section that lists <paramref name="warnings"/>, or an empty string when there are none.</summary>
    private static string WarningsSection(IReadOnlyList<string> warnings)
    {
        if (warnings.Count == 0)
        {
            return string.Empty;
        }

        var body = new StringBuilder();
        body.Append("<section id=\"warnings\" class=\"warnings\"><h2>").Append(Html.E(ConsoleText.Get("ConfigurationWarnings"))).Append("</h2>");
        body.Append("<p>").Append(Html.E(ConsoleText.Get("ConfigurationWarningsExplain"))).Append("</p><ul>");
        foreach (var warning in warnings)
        {
            body.Append("<li>").Append(Html.E(warning)).Append("</li>");
        }

        body.Append("</ul></section>");
        return body.ToString();
    }

    /// <summary>
    /// Writes the checked file and asks for the controlled restart. The form carries the version of the file the
    /// technician compared against, so a file changed in between (by the district or by hand) is not overwritten.
    /// </summary>
    private static async Task<IResult> ApplyAsync(HttpContext context, SiteConfiguration site, GatewayHostSettings settings, GatewayRestart restart, ConsoleAudit audit, TimeProvider timeProvider)
    {
        var page = ConsolePage.For(context);
        var user = context.User.Identity?.Name ?? "?";
        var client = SessionEndpoints.ClientOf(context);

        // The apply form sends the text URL-encoded, which takes up to 3 bytes per byte of the file.
        if (context.Request.ContentLength > 3 * MaxBytes + 4096)
        {
            return TooLarge(page);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var yaml = form["yaml"].ToString();
        if (Encoding.UTF8.GetByteCount(yaml) > MaxBytes)
        {
            return TooLarge(page);
        }
        if (settings.ConfigurationPath is not { } path)
        {
            return Render(page, ConsoleText.Get("ConfigurationNoFile"), null, true, yaml, StatusCodes.Status409Conflict);
        }

        if (string.IsNullOrWhiteSpace(yaml))
        {
            return Render(page, ConsoleText.Get("ConfigurationEmpty"), null, true, yaml, StatusCodes.Status400BadRequest);
        }

        var newVersion = ConfigurationVersion.Of(Encoding.UTF8.GetBytes(yaml));
        var target = $"configuration {newVersion}";
        var refusal = CheckApply(path, form["base"].ToString(), restart);
        if (refusal is not null)
        {
            await audit.RecordAsync(user, client, "config-apply", target, $"rejected: {refusal}", context.RequestAborted);
            return Render(page, ConsoleText.Get(refusal), null, true, yaml, StatusCodes.Status409Conflict);
        }

        var result = Validate(yaml, site, settings);
        if (!result.IsValid)
        {
            await audit.RecordAsync(user, client, "config-apply", target, "rejected: invalid", context.RequestAborted);
            return Render(page, ConsoleText.Get("ConfigurationInvalid"), ConfigurationReport.Format(result), true, yaml, StatusCodes.Status422UnprocessableEntity);
        }

        // The id ties the pending marker, the log and the district's configuration-applied record to this request.
        var changeId = string.Create(CultureInfo.InvariantCulture, $"console-{user}-{timeProvider.GetUtcNow():yyyyMMdd'T'HHmmss'Z'}");
        // A change made while the district is reachable must keep it reachable, or the trial rolls it back.
        var districtReachable = context.RequestServices.GetService<IUplinkStateSource>()?.State.Connection == UplinkConnectionState.Connected;
        var staged = new ConfigurationUpdater(path, CultureInfo.CurrentUICulture).Stage(changeId, yaml, districtReachable);
        if (!staged.RestartNeeded)
        {
            // The audit keeps the updater's reason, in the page's language like the text the page shows.
            await audit.RecordAsync(user, client, "config-apply", target, $"rejected: {staged.Result.Reason ?? staged.Result.Status}", context.RequestAborted);
            return Render(page, NotStagedText(path, newVersion, staged), null, true, yaml, StatusCodes.Status409Conflict);
        }

        restart.Request($"configuration {newVersion} applied from the web console by {user}");
        await audit.RecordAsync(user, client, "config-apply", target, $"written as {changeId}; restarting", context.RequestAborted);
        var applied = ConsoleText.Format("ConfigurationApplied", newVersion, (int)GatewayRestart.Delay.TotalSeconds, (int)ConfigurationTrial.ConfirmAfter.TotalSeconds);
        return Render(page, applied, null, false, string.Empty);
    }

    /// <summary>
    /// Why <see cref="ConfigurationUpdater.Stage"/> wrote nothing, in the page's language: the version is in force
    /// already, another update is on trial, or the file failed the updater's own validation.
    /// </summary>
    private static string NotStagedText(string path, string newVersion, ConfigurationStageResult staged)
    {
        if (staged.Result.Status == "ok")
        {
            return ConsoleText.Format("ConfigurationAlreadyInForce", newVersion);
        }

        return PendingConfiguration.Read(path) is not null
            ? ConsoleText.Get("ConfigurationOnTrial")
            : ConsoleText.Get("ConfigurationInvalid");
    }

    /// <summary>Returns the resource key of the reason an apply cannot go ahead now, or null.</summary>
    private static string? CheckApply(string path, string baseVersion, GatewayRestart restart)
    {
        if (restart.Requested)
        {
            return "ConfigurationRestartPending";
        }

        if (PendingConfiguration.Read(path) is not null)
        {
            return "ConfigurationOnTrial";
        }

        return ConfigurationVersion.OfFile(path) == baseVersion ? null : "ConfigurationChangedMeanwhile";
    }

    /// <summary>
    /// Relative paths in the file resolve against the folder of the running campus.yaml, as they will after the
    /// restart. Without a file they resolve against the data folder's parent, which is that folder when
    /// dataDirectory is written relative to it (as in the demo).
    /// </summary>
    private static SiteConfigurationLoadResult Validate(string yaml, SiteConfiguration site, GatewayHostSettings settings)
    {
        var baseDirectory = settings.ConfigurationPath is { } path
            ? Path.GetDirectoryName(Path.GetFullPath(path))!
            : Path.GetDirectoryName(Path.GetFullPath(site.Gateway.DataDirectory)) ?? Path.GetFullPath(site.Gateway.DataDirectory);
        return SiteConfigurationLoader.LoadFromText(yaml, "campus.yaml", baseDirectory, CultureInfo.CurrentUICulture);
    }

    /// <summary>Returns the text from the upload or the text box; null when the request is over <see cref="MaxBytes"/>.</summary>
    private static async Task<string?> ReadYamlAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxBytes)
        {
            return null;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var yaml = form["yaml"].ToString();
        if (form.Files.GetFile("file") is { Length: > 0 } file)
        {
            using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
            yaml = await reader.ReadToEndAsync(context.RequestAborted);
        }

        return yaml;
    }

    /// <summary>The confirmation step: what changes, what the apply does, and the button.</summary>
    private static string ConfirmationSection(ConsolePage page, string path, string current, string yaml)
    {
        var body = new StringBuilder();
        body.Append("<section id=\"confirm\"><h2>").Append(Html.E(ConsoleText.Get("ConfigurationChanges"))).Append("</h2>");
        var diff = ConfigurationDiff.Lines(current, yaml);
        if (diff is { Count: 0 })
        {
            body.Append("<p class=\"empty\">").Append(Html.E(ConsoleText.Get("ConfigurationUnchanged"))).Append("</p></section>");
            return body.ToString();
        }

        if (diff is null)
        {
            body.Append("<p>").Append(Html.E(ConsoleText.Format("ConfigurationDiffTooLarge", ConfigurationDiff.MaxChangedLines))).Append("</p>");
        }
        else
        {
            body.Append("<pre class=\"report\" id=\"diff\">").Append(Html.E(string.Join('\n', diff))).Append("</pre>");
        }

        var explain = ConsoleText.Format("ConfigurationApplyExplain", path, (int)ConfigurationTrial.ConfirmAfter.TotalSeconds);
        body.Append("<p>").Append(Html.E(explain)).Append("</p>");
        body.Append(page.Form("/configuration/apply", $"""
            <input type="hidden" name="yaml" value="{Html.E(yaml)}">
            <input type="hidden" name="base" value="{Html.E(ConfigurationVersion.Of(Encoding.UTF8.GetBytes(current)))}">
            <button type="submit" id="apply" class="danger">{Html.E(ConsoleText.Get("ConfigurationApply"))}</button>
            """, "stack"));
        body.Append("</section>");
        return body.ToString();
    }

    private static IResult TooLarge(ConsolePage page) =>
        Render(page, ConsoleText.Format("ConfigurationTooLarge", MaxBytes / 1024 / 1024), null, true, string.Empty, StatusCodes.Status413PayloadTooLarge);

    private static IResult Render(ConsolePage page, string? notice, string? report, bool isError, string yaml, int statusCode = StatusCodes.Status200OK, string? confirmation = null)
    {
        var body = new StringBuilder();
        body.Append("<p>").Append(Html.E(ConsoleText.Get("ConfigurationExplain"))).Append("</p>");
        if (report is not null)
        {
            body.Append("<pre class=\"report\" id=\"report\">").Append(Html.E(report)).Append("</pre>");
        }

        body.Append(confirmation);
        var form = page.Form("/configuration/validate", $"""
            <label>{Html.E(ConsoleText.Get("ConfigurationFile"))}<input type="file" name="file" id="file" accept=".yaml,.yml,text/yaml"></label>
            <label>{Html.E(ConsoleText.Get("ConfigurationText"))}<textarea name="yaml" id="yaml" rows="16" spellcheck="false">{Html.E(yaml)}</textarea></label>
            <button type="submit" id="validate">{Html.E(ConsoleText.Get("ConfigurationValidate"))}</button>
            """, "stack wide");
        body.Append(form.Replace("<form method=\"post\"", "<form method=\"post\" enctype=\"multipart/form-data\"", StringComparison.Ordinal));
        return page.Render("ConfigurationTitle", body.ToString(), notice, isError, statusCode);
    }
}
