using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.Configuration.Model;
using SmartCampus.Edge.Gateway.Devices;
using SmartCampus.Edge.Gateway.Pipeline;
using SmartCampus.Edge.Gateway.WebConsole.Alarms;
using SmartCampus.Edge.Gateway.WebConsole.Devices;
using SmartCampus.Edge.Gateway.WebConsole.Pages;
using SmartCampus.Edge.Gateway.WebConsole.Security;
using SmartCampus.Edge.Gateway.WebConsole.Text;

namespace SmartCampus.Edge.Gateway.WebConsole.Diagnostics;

/// <summary>
/// Checks a technician runs while commissioning: a test notice to class boards, a short pulse on a GPIO output, a
/// Modbus point read now, and a watch on a campus broker topic filter.
/// </summary>
internal static class DiagnosticsPage
{
    private const int MaxNoticeLength = 200;

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/diagnostics", (HttpContext context, SiteConfiguration site, DeviceRegistry registry) => Render(ConsolePage.For(context), site, registry, null, false));
        routes.MapPost("/diagnostics/pulse", PulseAsync);
        routes.MapPost("/diagnostics/notice", SendNoticeAsync);
        ModbusReadDiagnostic.Map(routes);
        MqttWatchStream.Map(routes);
    }

    private static async Task<IResult> PulseAsync(HttpContext context, SiteConfiguration site, DeviceRegistry registry, FieldChannel channel, ConsoleAudit audit)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var user = context.User.Identity?.Name ?? "?";
        var client = SessionEndpoints.ClientOf(context);
        var outputs = DeviceCatalog.GpioOutputs(site);
        var chosen = outputs.Where(output => output.Point.ToString() == form["output"].ToString()).ToList();
        if (chosen.Count == 0
            || !int.TryParse(form["milliseconds"], NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
            || !OutputPulser.Durations.Contains(TimeSpan.FromMilliseconds(milliseconds)))
        {
            return Render(ConsolePage.For(context), site, registry, ConsoleText.Get("PulseInvalid"), true, StatusCodes.Status400BadRequest);
        }

        var (point, safeState) = chosen[0];
        var target = $"output {point}";
        var blocked = await CheckInterlocksAsync(new EngineCommands(channel), point, safeState, context.RequestAborted);
        if (blocked is var (audited, shown))
        {
            await audit.RecordAsync(user, client, "pulse", target, $"blocked: {audited}", context.RequestAborted);
            return Render(ConsolePage.For(context), site, registry, ConsoleText.Format("PulseBlocked", point, shown), true, StatusCodes.Status409Conflict);
        }

        var pulser = context.RequestServices.GetRequiredService<OutputPulser>();
        var error = await pulser.PulseAsync(point, safeState, TimeSpan.FromMilliseconds(milliseconds), context.RequestAborted);

        // The driver's error exists only in the operator's language; the audit record stays English.
        await audit.RecordAsync(user, client, "pulse", target, error is null ? $"pulsed {milliseconds} ms" : "failed: the driver refused the write", context.RequestAborted);
        return error is null
            ? Render(ConsolePage.For(context), site, registry, ConsoleText.Format("PulseDone", point, milliseconds), false)
            : Render(ConsolePage.For(context), site, registry, ConsoleText.Format("PulseFailed", point, error), true, StatusCodes.Status502BadGateway);
    }

    /// <summary>
    /// A pulse writes the active value and then the safe value, so both must pass: a life-safety rule holding the
    /// output blocks it with its own reason, and any other rule holding it blocks it too, since the revert would
    /// undo that rule's output. A block comes back twice: in English for the audit record, and in the operator's
    /// language for the page.
    /// </summary>
    private static async Task<(string Audited, string Shown)?> CheckInterlocksAsync(EngineCommands engine, PointId point, bool safeState, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var value in new[] { !safeState, safeState })
            {
                var (decision, hold) = await engine.CheckAsync(point, PointValue.FromBoolean(value), cancellationToken);
                if (!decision.Allowed)
                {
                    return decision.Reason is { } reason
                        ? (reason.Format(CultureInfo.InvariantCulture), reason.Format(CultureInfo.CurrentUICulture))
                        : ($"held by rule {decision.HoldingRuleId}", decision.HoldingRuleId ?? string.Empty);
                }

                if (hold is not null)
                {
                    return ($"held by rule {hold.RuleId}", ConsoleText.Format("PulseHeldByRule", hold.RuleId));
                }
            }

            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ("pipeline-busy", ConsoleText.Get("PipelineBusy"));
        }
    }

    private static async Task<IResult> SendNoticeAsync(HttpContext context, SiteConfiguration site, DeviceRegistry registry, DeviceStatusTable devices, ConsoleAudit audit)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var user = context.User.Identity?.Name ?? "?";
        var client = SessionEndpoints.ClientOf(context);
        var target = form["target"].ToString();
        var text = form["text"].ToString().Trim();
        if (registry.ClassBoards is not { } boards)
        {
            return Render(ConsolePage.For(context), site, registry, ConsoleText.Get("NoticeNoBoards"), true, StatusCodes.Status409Conflict);
        }

        if (text.Length is 0 or > MaxNoticeLength || (target != "all" && !boards.BoardIds.Contains(target)))
        {
            return Render(ConsolePage.For(context), site, registry, ConsoleText.Format("NoticeInvalid", MaxNoticeLength), true, StatusCodes.Status400BadRequest);
        }

        var noticeId = $"console-test-{Guid.NewGuid():N}"[..21];
        // The count is what the campus broker accepted (MQTT PUBACK), not what the boards received: an offline board
        // gets the notice when it reconnects. The message names the broker handoff and, beside it, how many targeted
        // boards are online.
        var sent = await boards.SendNoticeAsync(target, noticeId, text, emergency: false, context.RequestAborted);
        var targeted = target == "all" ? [.. boards.BoardIds] : new[] { target };
        var online = targeted.Count(board => devices.IsOnline(board) == true);
        await audit.RecordAsync(user, client, "test-notice", $"boards {target}", $"campus broker accepted it for {sent} of {targeted.Length} boards, {online} online", context.RequestAborted);
        var targetText = target == "all" ? ConsoleText.Get("NoticeTargetAll") : target;
        var message = ConsoleText.Format("NoticeSent", targetText, sent, targeted.Length, online);
        return Render(ConsolePage.For(context), site, registry, message, sent == 0, sent > 0 ? StatusCodes.Status200OK : StatusCodes.Status502BadGateway);
    }

    public static IResult Render(ConsolePage page, SiteConfiguration site, DeviceRegistry registry, string? notice, bool isError, int statusCode = StatusCodes.Status200OK)
    {
        var body = new StringBuilder();
        body.Append("<section><h2>").Append(Html.E(ConsoleText.Get("PulseTitle"))).Append("</h2><p>").Append(Html.E(ConsoleText.Get("PulseExplain"))).Append("</p>");
        var outputs = DeviceCatalog.GpioOutputs(site);
        if (outputs.Count == 0)
        {
            body.Append("<p class=\"empty\">").Append(Html.E(ConsoleText.Get("PulseNoOutputs"))).Append("</p>");
        }
        else
        {
            var outputOptions = string.Concat(outputs.Select(output => $"<option value=\"{Html.E(output.Point.ToString())}\">{Html.E(output.Point.ToString())}</option>"));
            var durationOptions = string.Concat(OutputPulser.Durations.Select(duration => string.Create(CultureInfo.InvariantCulture, $"<option value=\"{duration.TotalMilliseconds}\"{(duration == TimeSpan.FromSeconds(1) ? " selected" : string.Empty)}>{Html.E(Html.Choice(duration))}</option>")));
            body.Append(page.Form("/diagnostics/pulse", $"""
                <label>{Html.E(ConsoleText.Get("PulseOutput"))}<select name="output" id="pulse-output">{outputOptions}</select></label>
                <label>{Html.E(ConsoleText.Get("PulseDuration"))}<select name="milliseconds" id="pulse-duration">{durationOptions}</select></label>
                <button type="submit" id="pulse">{Html.E(ConsoleText.Get("PulseSubmit"))}</button>
                """, "stack"));
        }

        body.Append("</section><section><h2>").Append(Html.E(ConsoleText.Get("NoticeTitle"))).Append("</h2>");
        if (registry.ClassBoards is not { } boards)
        {
            body.Append("<p class=\"empty\">").Append(Html.E(ConsoleText.Get("NoticeNoBoards"))).Append("</p>");
        }
        else
        {
            var targets = string.Concat(boards.BoardIds.Order(StringComparer.Ordinal).Prepend("all").Select(board => $"<option value=\"{Html.E(board)}\">{Html.E(board == "all" ? ConsoleText.Get("NoticeAllBoards") : board)}</option>"));
            body.Append(page.Form("/diagnostics/notice", $"""
                <label>{Html.E(ConsoleText.Get("NoticeTarget"))}<select name="target" id="notice-target">{targets}</select></label>
                <label>{Html.E(ConsoleText.Get("NoticeText"))}<input name="text" id="notice-text" maxlength="{MaxNoticeLength}" value="{Html.E(ConsoleText.Get("NoticeDefault"))}" required></label>
                <button type="submit" id="notice">{Html.E(ConsoleText.Get("NoticeSubmit"))}</button>
                """, "stack"));
        }

        body.Append("</section>");
        body.Append(ModbusReadDiagnostic.Section(page, site));
        body.Append(MqttWatchStream.Section());
        return page.Render("DiagnosticsTitle", body.ToString(), notice, isError, statusCode);
    }
}
