using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.Configuration.Model;
using SmartCampus.Edge.Gateway.Devices;
using SmartCampus.Edge.Gateway.Hosting;
using SmartCampus.Edge.Gateway.Pipeline;
using SmartCampus.Edge.Gateway.WebConsole.Configuration;
using SmartCampus.Edge.Gateway.WebConsole.Pages;
using SmartCampus.Edge.Gateway.WebConsole.Text;
using SmartCampus.Edge.Sync.Outbox;
using SmartCampus.Edge.Sync.Status;
using SmartCampus.Edge.Sync.Uplink;

namespace SmartCampus.Edge.Gateway.WebConsole.Overview;

/// <summary>Gateway health at a glance: pipeline, district link, backlog per lane, disk, clock, configuration version.</summary>
internal static class OverviewPage
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/", Render);

    private static IResult Render(
        HttpContext context,
        SiteConfiguration site,
        IGatewayStatusSource status,
        IUplinkStateSource uplink,
        OutboxStore outbox,
        PipelineService pipeline,
        GatewayClock clock,
        GatewayHostSettings settings,
        DeviceRegistry registry,
        DeviceStatusTable devices)
    {
        var page = ConsolePage.For(context);
        var facts = status.GetStatus();
        var link = uplink.State;
        var campus = CampusLinkStatus.Of(registry);
        var body = new StringBuilder();
        AppendLeftOut(body, settings.LeftOut);

        body.Append("<section class=\"cards\">");
        Card(body, "OverviewPipeline", pipeline.ExecuteTask is { IsCompleted: false } ? ConsoleText.Get("StateRunning") : ConsoleText.Get("StateStopped"), pipeline.ExecuteTask is { IsCompleted: false });
        Card(body, "OverviewDistrict", ConsoleText.Get($"Link{link.Connection}"), link.Connection == UplinkConnectionState.Connected);
        if (campus.Sessions > 0)
        {
            Card(body, "OverviewCampus", ConsoleText.Get(campus.Connected ? "LinkConnected" : "LinkDisconnected"), campus.Connected);
        }

        // A configured device with no online or offline event yet is in neither count. Showing it makes the numbers
        // add up to what campus.yaml lists.
        var waiting = site.Devices.Count(device => devices.IsOnline(device.Id) is null);
        var deviceText = waiting == 0
            ? ConsoleText.Format("DevicesOnlineOffline", facts.DevicesOnline, facts.DevicesOffline)
            : ConsoleText.Format("DevicesOnlineOfflineWaiting", facts.DevicesOnline, facts.DevicesOffline, waiting);
        Card(body, "OverviewDevices", deviceText, facts.DevicesOffline == 0);
        Card(body, "OverviewAlarms", facts.ActiveAlarms.ToString(CultureInfo.CurrentCulture), facts.ActiveAlarms == 0);
        body.Append("</section>");

        body.Append("<h2>").Append(Html.E(ConsoleText.Get("OverviewGateway"))).Append("</h2><table class=\"facts\">");
        Row(body, "FactSchool", ConsoleText.Format("WithDetail", site.School.Name, site.School.Id));
        Row(body, "FactGateway", site.Gateway.Id);
        Row(body, "FactVersion", facts.Version);
        Row(body, "FactConfigurationVersion", facts.ConfigurationVersion ?? "–");
        if (ConfigurationChangeStatus.Describe(settings) is { } change)
        {
            body.Append("<tr id=\"configuration-change\" class=\"").Append(change.Good ? "good" : "bad").Append("\"><th>")
                .Append(Html.E(ConsoleText.Get("FactConfigurationChange"))).Append("</th><td>").Append(Html.E(change.Text)).Append("</td></tr>");
        }

        Row(body, "FactSamples", pipeline.SampleCount.ToString("N0", CultureInfo.CurrentCulture));
        body.Append("</table>");

        body.Append("<h2>").Append(Html.E(ConsoleText.Get("OverviewDistrict"))).Append("</h2><table class=\"facts\">");
        Row(body, "FactLinkState", ConsoleText.Get($"Link{link.Connection}"));
        Row(body, "FactConnectedSince", Html.Time(link.ConnectedSince), encoded: true);
        Row(body, "FactRecordsSent", link.RecordsSent.ToString("N0", CultureInfo.CurrentCulture));
        // The error text comes from the MQTT client in English; the sentence around it is the operator's language.
        Row(body, "FactLastError", link.LastError is null ? "–" : ConsoleText.Format("LinkErrorSummary", link.LastErrorAt?.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), link.LastError));
        if (link.LastError is not null && link.LastErrorKind != UplinkFailureKind.Other)
        {
            Row(body, "FactLastErrorHint", ConsoleText.Get($"LinkErrorHint{link.LastErrorKind}"));
        }
        body.Append("</table>");

        AppendCampusLink(body, site, campus);
        AppendBacklog(body, outbox);
        AppendDisk(body, site, outbox);

        body.Append("<h2>").Append(Html.E(ConsoleText.Get("OverviewClock"))).Append("</h2><table class=\"facts\">");
        Row(body, "FactLocalTime", Html.Time(clock.UtcNow), encoded: true);
        Row(body, "FactUtcTime", clock.UtcNow.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture));
        Row(body, "FactClockSynchronised", ConsoleText.Get(facts.ClockSynchronised ? "Yes" : "No"));
        Row(body, "FactUptime", Html.Duration(clock.Uptime), encoded: true);
        Row(body, "FactBootId", clock.BootId);
        body.Append("</table>");

        return page.Render("OverviewTitle", body.ToString());
    }

    /// <summary>
    /// Puts the devices that a start without broken devices left out above everything else, with the problem lines that
    /// broke them: their points read nothing and the rules on them do not run until campus.yaml is fixed.
    /// </summary>
    private static void AppendLeftOut(StringBuilder body, LeftOutDevices? leftOut)
    {
        if (leftOut is null)
        {
            return;
        }

        body.Append("<section id=\"left-out-devices\" class=\"warnings\"><h2>").Append(Html.E(ConsoleText.Get("LeftOutTitle"))).Append("</h2><p>")
            .Append(Html.E(ConsoleText.Format("LeftOutDevices", string.Join(", ", leftOut.DeviceIds)))).Append("</p>");
        if (leftOut.RuleIds.Count > 0)
        {
            body.Append("<p>").Append(Html.E(ConsoleText.Format("LeftOutRules", string.Join(", ", leftOut.RuleIds)))).Append("</p>");
        }

        if (leftOut.ReducedRuleIds.Count > 0)
        {
            body.Append("<p>").Append(Html.E(ConsoleText.Format("LeftOutReducedRules", string.Join(", ", leftOut.ReducedRuleIds)))).Append("</p>");
        }

        body.Append("<ul>");
        foreach (var line in leftOut.ProblemLines(CultureInfo.CurrentUICulture))
        {
            body.Append("<li><code>").Append(Html.E(line)).Append("</code></li>");
        }

        body.Append("</ul></section>");
    }

    /// <summary>What a technician needs when boards show nothing: where the campus broker is and why the gateway cannot reach it.</summary>
    private static void AppendCampusLink(StringBuilder body, SiteConfiguration site, CampusLinkStatus campus)
    {
        var broker = site.CampusBroker;
        body.Append("<h2>").Append(Html.E(ConsoleText.Get("OverviewCampus"))).Append("</h2><table class=\"facts\" id=\"campus-link\">");
        var modeKey = "CampusEmbedded";
        if (broker.Mode == CampusBrokerMode.External)
        {
            modeKey = broker.UseTls ? "CampusExternalTls" : "CampusExternal";
        }

        var mode = ConsoleText.Get(modeKey);
        Row(body, "FactCampusBroker", ConsoleText.Format("WithDetail", string.Create(CultureInfo.InvariantCulture, $"{broker.Host}:{broker.Port}"), mode));
        if (campus.Sessions == 0)
        {
            Row(body, "FactLinkState", ConsoleText.Get("CampusNoSessions"));
        }
        else
        {
            body.Append("<tr id=\"campus-link-state\" class=\"").Append(campus.Connected ? "good" : "bad").Append("\"><th>").Append(Html.E(ConsoleText.Get("FactLinkState")))
                .Append("</th><td>").Append(Html.E(ConsoleText.Get(campus.Connected ? "LinkConnected" : "LinkDisconnected"))).Append("</td></tr>");
        }

        if (!campus.Connected && campus.LastError is not null)
        {
            body.Append("<tr id=\"campus-link-error\" class=\"bad\"><th>").Append(Html.E(ConsoleText.Get("FactLastError"))).Append("</th><td>")
                .Append(Html.E(campus.LastError)).Append(" (").Append(Html.Time(campus.LastErrorAt)).Append(")</td></tr>");
        }

        body.Append("</table>");
    }

    private static void AppendBacklog(StringBuilder body, OutboxStore outbox)
    {
        body.Append("<h2>").Append(Html.E(ConsoleText.Get("OverviewBacklog"))).Append("</h2><table class=\"grid\" id=\"backlog\"><thead><tr>")
            .Append(CultureInfo.InvariantCulture, $"<th>{Html.E(ConsoleText.Get("ColumnLane"))}</th><th>{Html.E(ConsoleText.Get("ColumnWaiting"))}</th><th>{Html.E(ConsoleText.Get("ColumnOldest"))}</th><th>{Html.E(ConsoleText.Get("ColumnDropped"))}</th>")
            .Append("</tr></thead><tbody>");
        foreach (var lane in Enum.GetValues<OutboxLane>())
        {
            body.Append("<tr data-lane=\"").Append(lane.ToString().ToLowerInvariant()).Append("\"><td>").Append(Html.E(ConsoleText.Get($"Lane{lane}"))).Append("</td><td>")
                .Append(outbox.Count(lane).ToString("N0", CultureInfo.CurrentCulture)).Append("</td><td>").Append(Html.Time(OldestCreatedAt(outbox, lane)))
                .Append("</td><td>").Append(outbox.DroppedCount(lane).ToString("N0", CultureInfo.CurrentCulture)).Append("</td></tr>");
        }

        body.Append("</tbody></table>");
    }

    private static void AppendDisk(StringBuilder body, SiteConfiguration site, OutboxStore outbox)
    {
        body.Append("<h2>").Append(Html.E(ConsoleText.Get("OverviewDisk"))).Append("</h2><table class=\"facts\">");
        AppendOutboxState(body, outbox.Health);
        Row(body, "FactOutboxSize", ConsoleText.Format("MegabytesOf", Megabytes(outbox.FileBytes), Megabytes(outbox.MaxDiskBytes)));
        try
        {
            var drive = new DriveInfo(Path.GetFullPath(site.Gateway.DataDirectory));
            Row(body, "FactDiskFree", ConsoleText.Format("MegabytesOf", Megabytes(drive.AvailableFreeSpace), Megabytes(drive.TotalSize)));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException)
        {
            Row(body, "FactDiskFree", "–");
        }

        Row(body, "FactDataDirectory", site.Gateway.DataDirectory);
        body.Append("</table>");
    }

    /// <summary>Whether the offline buffer's database is open, or failed and is being reopened, and since when.</summary>
    private static void AppendOutboxState(StringBuilder body, OutboxHealth health)
    {
        var open = health.State == OutboxState.Open;
        string text;
        if (open)
        {
            text = health.Reopens == 0 ? ConsoleText.Get("OutboxOpen") : ConsoleText.Format("OutboxOpenAfterReopens", health.Reopens);
        }
        else if (health.State == OutboxState.Reopening)
        {
            var since = health.UnavailableSince?.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "–";
            text = ConsoleText.Format("OutboxReopening", since, health.FailedAttempts, health.Error ?? string.Empty);
        }
        else
        {
            text = ConsoleText.Get("OutboxClosed");
        }

        body.Append("<tr id=\"outbox-state\" class=\"").Append(open ? "good" : "bad").Append("\"><th>").Append(Html.E(ConsoleText.Get("FactOutboxState")))
            .Append("</th><td>").Append(Html.E(text)).Append("</td></tr>");
    }

    /// <summary>The oldest record's time, or null while the database is being reopened and cannot be read.</summary>
    private static DateTimeOffset? OldestCreatedAt(OutboxStore outbox, OutboxLane lane)
    {
        try
        {
            return outbox.OldestCreatedAt(lane);
        }
        catch (OutboxUnavailableException)
        {
            return null;
        }
    }

    private static string Megabytes(long bytes) => (bytes / 1024.0 / 1024.0).ToString("N1", CultureInfo.CurrentCulture);

    private static void Card(StringBuilder body, string titleKey, string value, bool good) =>
        body.Append("<div class=\"card ").Append(good ? "good" : "bad").Append("\"><span>").Append(Html.E(ConsoleText.Get(titleKey)))
            .Append("</span><strong>").Append(Html.E(value)).Append("</strong></div>");

    private static void Row(StringBuilder body, string labelKey, string value, bool encoded = false) =>
        body.Append("<tr><th>").Append(Html.E(ConsoleText.Get(labelKey))).Append("</th><td>").Append(encoded ? value : Html.E(value)).Append("</td></tr>");
}
