using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SmartCampus.Edge.Gateway.Configuration.Model;
using SmartCampus.Edge.Gateway.Pipeline;
using SmartCampus.Edge.Gateway.WebConsole.Devices;
using SmartCampus.Edge.Gateway.WebConsole.Pages;
using SmartCampus.Edge.Gateway.WebConsole.Security;
using SmartCampus.Edge.Gateway.WebConsole.Text;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Engine;

namespace SmartCampus.Edge.Gateway.WebConsole.Alarms;

/// <summary>Active alarms with acknowledge and shelve, then the recent history, each with its rule, value and text.</summary>
internal static class AlarmsPage
{
    /// <summary>Shelving times offered; life-safety rules cannot be shelved at all (the engine refuses).</summary>
    private static readonly TimeSpan[] ShelveChoices = [TimeSpan.FromMinutes(15), TimeSpan.FromHours(1), TimeSpan.FromHours(4), TimeSpan.FromHours(8)];

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/alarms", (HttpContext context, RuleEngine engine, AlarmHistory history) => Render(ConsolePage.For(context), engine, history, null, false));
        routes.MapPost("/alarms/acknowledge", AcknowledgeAsync);
        routes.MapPost("/alarms/shelve", ShelveAsync);
        routes.MapPost("/alarms/unshelve", UnshelveAsync);
    }

    private static async Task<IResult> AcknowledgeAsync(HttpContext context, RuleEngine engine, AlarmHistory history, FieldChannel channel, ConsoleAudit audit)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var ruleId = form["rule"].ToString();
        var user = context.User.Identity?.Name ?? "?";

        // A second tab, a resubmitted form or a colleague may acknowledge an alarm that is already acknowledged. That
        // is no failure, so the page shows who acknowledged it and when, and the request goes no further.
        if (engine.ActiveAlarms.FirstOrDefault(alarm => alarm.RuleId == ruleId) is { State: AlarmState.Acknowledged } acknowledged)
        {
            await audit.RecordAsync(user, SessionEndpoints.ClientOf(context), "acknowledge", $"rule {ruleId}", "already acknowledged", context.RequestAborted);
            var when = acknowledged.AcknowledgedAt?.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            var notice = ConsoleText.Format("AlarmAlreadyAcknowledged", ruleId, when, acknowledged.AcknowledgedBy ?? "?");
            return Render(ConsolePage.For(context), engine, history, notice, false);
        }

        return await RunAsync(context, engine, history, audit, "acknowledge", ruleId, () => new EngineCommands(channel).AcknowledgeAsync(ruleId, user, context.RequestAborted), "AlarmAcknowledged");
    }

    private static async Task<IResult> ShelveAsync(HttpContext context, RuleEngine engine, AlarmHistory history, FieldChannel channel, ConsoleAudit audit)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var ruleId = form["rule"].ToString();
        var user = context.User.Identity?.Name ?? "?";
        if (!int.TryParse(form["minutes"], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            || !ShelveChoices.Contains(TimeSpan.FromMinutes(minutes)))
        {
            return Render(ConsolePage.For(context), engine, history, ConsoleText.Get("ShelveDurationInvalid"), true, StatusCodes.Status400BadRequest);
        }

        return await RunAsync(context, engine, history, audit, $"shelve {minutes} min", ruleId, () => new EngineCommands(channel).ShelveAsync(ruleId, TimeSpan.FromMinutes(minutes), user, context.RequestAborted), "AlarmShelved");
    }

    private static async Task<IResult> UnshelveAsync(HttpContext context, RuleEngine engine, AlarmHistory history, FieldChannel channel, ConsoleAudit audit)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var ruleId = form["rule"].ToString();
        return await RunAsync(context, engine, history, audit, "unshelve", ruleId, () => new EngineCommands(channel).UnshelveAsync(ruleId, context.RequestAborted), "AlarmUnshelved");
    }

    private static async Task<IResult> RunAsync(HttpContext context, RuleEngine engine, AlarmHistory history, ConsoleAudit audit, string action, string ruleId, Func<Task<RuleCommandResult>> command, string doneKey)
    {
        var user = context.User.Identity?.Name ?? "?";
        var client = SessionEndpoints.ClientOf(context);
        RuleCommandResult result;
        try
        {
            result = await command();
        }
        catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            await audit.RecordAsync(user, client, action, $"rule {ruleId}", "pipeline-busy", context.RequestAborted);
            return Render(ConsolePage.For(context), engine, history, ConsoleText.Get("PipelineBusy"), true, StatusCodes.Status503ServiceUnavailable);
        }

        var reason = result.Reason?.Format(CultureInfo.CurrentUICulture);
        await audit.RecordAsync(user, client, action, $"rule {ruleId}", result.Accepted ? "accepted" : $"rejected: {result.Reason?.Format(CultureInfo.InvariantCulture)}", context.RequestAborted);
        var text = result.Accepted
            ? reason is null ? ConsoleText.Format(doneKey, ruleId) : $"{ConsoleText.Format(doneKey, ruleId)} {reason}"
            : ConsoleText.Format("CommandRejected", reason);
        return Render(ConsolePage.For(context), engine, history, text, !result.Accepted, result.Accepted ? StatusCodes.Status200OK : StatusCodes.Status409Conflict);
    }

    private static IResult Render(ConsolePage page, RuleEngine engine, AlarmHistory history, string? notice, bool isError, int statusCode = StatusCodes.Status200OK)
    {
        var site = page.Context.RequestServices.GetRequiredService<SiteConfiguration>();
        var body = new StringBuilder();
        var active = engine.ActiveAlarms;
        var definitions = engine.Definitions.ToDictionary(definition => definition.Id, StringComparer.Ordinal);

        body.Append("<h2>").Append(Html.E(ConsoleText.Get("AlarmsActive"))).Append("</h2>");
        if (active.Count == 0)
        {
            body.Append("<p class=\"empty\">").Append(Html.E(ConsoleText.Get("AlarmsNoneActive"))).Append("</p>");
        }

        foreach (var alarm in active)
        {
            var lifeSafety = definitions.TryGetValue(alarm.RuleId, out var definition) && definition.LifeSafety;
            body.Append("<article class=\"alarm sev-").Append(alarm.Severity.ToString().ToLowerInvariant()).Append("\" data-rule=\"").Append(Html.E(alarm.RuleId)).Append("\">");
            AppendAlarmFacts(body, alarm, site);
            body.Append("<div class=\"actions\">");
            // An acknowledged alarm whose condition is still met needs nothing more. A latched one that waits for its
            // reset (AwaitingReset) keeps the button, because an on-site acknowledgement resets it.
            if (alarm.State != AlarmState.Acknowledged)
            {
                body.Append(page.Form("/alarms/acknowledge", $"<input type=\"hidden\" name=\"rule\" value=\"{Html.E(alarm.RuleId)}\"><button type=\"submit\" class=\"acknowledge\">{Html.E(ConsoleText.Get("Acknowledge"))}</button>", "inline"));
            }

            if (alarm.ShelvedUntil is not null)
            {
                body.Append(page.Form("/alarms/unshelve", $"<input type=\"hidden\" name=\"rule\" value=\"{Html.E(alarm.RuleId)}\"><button type=\"submit\">{Html.E(ConsoleText.Get("Unshelve"))}</button>", "inline"));
            }
            else if (!lifeSafety)
            {
                var options = string.Concat(ShelveChoices.Select(choice => $"<option value=\"{(int)choice.TotalMinutes}\">{Html.E(Html.Choice(choice))}</option>"));
                body.Append(page.Form("/alarms/shelve", $"<input type=\"hidden\" name=\"rule\" value=\"{Html.E(alarm.RuleId)}\"><select name=\"minutes\" aria-label=\"{Html.E(ConsoleText.Get("ShelveFor"))}\">{options}</select><button type=\"submit\">{Html.E(ConsoleText.Get("Shelve"))}</button>", "inline"));
            }

            body.Append("</div></article>");
        }

        body.Append("<h2>").Append(Html.E(ConsoleText.Get("AlarmsHistory"))).Append("</h2>");
        var recent = history.Snapshot();
        if (recent.Count == 0)
        {
            body.Append("<p class=\"empty\">").Append(Html.E(ConsoleText.Get("AlarmsNoHistory"))).Append("</p>");
        }
        else
        {
            body.Append("<table class=\"grid\" id=\"alarm-history\"><thead><tr>")
                .Append(CultureInfo.InvariantCulture, $"<th>{Html.E(ConsoleText.Get("ColumnRaised"))}</th><th>{Html.E(ConsoleText.Get("ColumnRule"))}</th><th>{Html.E(ConsoleText.Get("ColumnState"))}</th><th>{Html.E(ConsoleText.Get("ColumnValue"))}</th><th>{Html.E(ConsoleText.Get("ColumnText"))}</th><th>{Html.E(ConsoleText.Get("ColumnCleared"))}</th>")
                .Append("</tr></thead><tbody>");
            foreach (var alarm in recent)
            {
                body.Append("<tr><td>").Append(Html.Time(alarm.RaisedAt)).Append("</td><td>").Append(Html.E(alarm.RuleId)).Append("</td><td>")
                    .Append(Html.E(ConsoleText.Get($"AlarmState{alarm.State}"))).Append("</td><td>").Append(Html.E(PointFormat.WithUnit(alarm.ValueAtRaise.ToString(), DeviceCatalog.UnitOf(site, alarm.Point)))).Append("</td><td>")
                    .Append(Html.E(alarm.Message.Format(CultureInfo.CurrentUICulture))).Append("</td><td>").Append(Html.Time(alarm.ClearedAt)).Append("</td></tr>");
            }

            body.Append("</tbody></table>");
        }

        return page.Render("AlarmsTitle", body.ToString(), notice, isError, statusCode);
    }

    private static void AppendAlarmFacts(StringBuilder body, Alarm alarm, SiteConfiguration site)
    {
        body.Append("<h3>").Append(Html.E(alarm.Message.Format(CultureInfo.CurrentUICulture))).Append("</h3><dl>");
        Fact(body, "ColumnRule", Html.E(alarm.RuleId));
        Fact(body, "ColumnSeverity", Html.E(ConsoleText.Get($"Severity{alarm.Severity}")));
        Fact(body, "ColumnState", $"<span data-field=\"state\">{Html.E(ConsoleText.Get($"AlarmState{alarm.State}"))}</span>");
        Fact(body, "ColumnPoint", Html.E(alarm.Point.ToString()));
        Fact(body, "ColumnValueAtRaise", Html.E(PointFormat.WithUnit(alarm.ValueAtRaise.ToString(), DeviceCatalog.UnitOf(site, alarm.Point))));
        Fact(body, "ColumnRaised", Html.Time(alarm.RaisedAt));
        if (alarm.AcknowledgedAt is not null)
        {
            Fact(body, "ColumnAcknowledged", $"{Html.Time(alarm.AcknowledgedAt)} {Html.E(alarm.AcknowledgedBy)}");
        }

        if (alarm.ShelvedUntil is not null)
        {
            Fact(body, "ColumnShelvedUntil", Html.Time(alarm.ShelvedUntil));
        }

        body.Append("</dl>");
    }

    private static void Fact(StringBuilder body, string labelKey, string encodedValue) =>
        body.Append("<dt>").Append(Html.E(ConsoleText.Get(labelKey))).Append("</dt><dd>").Append(encodedValue).Append("</dd>");
}
