using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.Configuration.Model;
using SmartCampus.Edge.Gateway.Pipeline;
using SmartCampus.Edge.Gateway.WebConsole.Pages;
using SmartCampus.Edge.Gateway.WebConsole.Text;

namespace SmartCampus.Edge.Gateway.WebConsole.Devices;

/// <summary>
/// Every device with its state and last-seen time, and every point's value, quality, unit and time. The page is
/// complete without script; with script, <see cref="PointStream"/> keeps it live.
/// </summary>
internal static class DevicesPage
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/devices", Render);

    private static IResult Render(HttpContext context, SiteConfiguration site, PointTable points, DeviceStatusTable devices)
    {
        var page = ConsolePage.For(context);
        var latest = points.Snapshot();
        var byDevice = latest.ToLookup(sample => sample.Point.Device, StringComparer.Ordinal);
        var body = new StringBuilder();
        var booleans = BooleanTexts.From(site);
        var lastGood = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        points.CollectLastGood(lastGood);

        foreach (var device in DeviceCatalog.From(site))
        {
            var samples = byDevice[device.Id].ToDictionary(sample => sample.Point);
            var (onlineText, onlineClass) = PointFormat.Online(devices.IsOnline(device.Id));
            DateTimeOffset? lastSeen = lastGood.TryGetValue(device.Id, out var seen) ? seen : null;
            var reason = PointFormat.OfflineReason(devices.OfflineReason(device.Id));

            body.Append("<section class=\"device\" data-device=\"").Append(Html.E(device.Id)).Append("\"><h2>")
                .Append(Html.E(device.Name ?? device.Id)).Append(" <small>").Append(Html.E(device.Id)).Append(" · ").Append(Html.E(device.Kind))
                .Append(string.Concat(device.Settings.Select(setting => " · " + Html.E(setting)))).Append("</small></h2>")
                .Append("<p><span class=\"badge ").Append(onlineClass).Append("\" data-field=\"online\">").Append(Html.E(onlineText)).Append("</span> ")
                .Append(Html.E(ConsoleText.Get("LastSeen"))).Append(" <span data-field=\"last-seen\">").Append(Html.Time(lastSeen)).Append("</span></p>")
                .Append("<p class=\"reason\" data-field=\"reason\"").Append(reason.Length == 0 ? " hidden" : string.Empty).Append('>').Append(Html.E(reason)).Append("</p>");

            var entries = device.Points.Concat(samples.Keys.Where(point => device.Points.All(entry => entry.Id != point)).Select(point => new DeviceCatalog.PointEntry(point, null))).ToList();
            if (entries.Count > 0)
            {
                AppendPoints(body, entries, samples, booleans);
            }

            body.Append("</section>");
        }

        return page.Render("DevicesTitle", body.ToString(), streamUrl: "/devices/stream");
    }

    private static void AppendPoints(StringBuilder body, List<DeviceCatalog.PointEntry> entries, Dictionary<PointId, Sample> samples, BooleanTexts booleans)
    {
        body.Append("<table class=\"grid\"><thead><tr>")
            .Append(CultureInfo.InvariantCulture, $"<th>{Html.E(ConsoleText.Get("ColumnPoint"))}</th><th>{Html.E(ConsoleText.Get("ColumnValue"))}</th><th>{Html.E(ConsoleText.Get("ColumnQuality"))}</th><th>{Html.E(ConsoleText.Get("ColumnTime"))}</th>")
            .Append("</tr></thead><tbody>");
        foreach (var entry in entries)
        {
            samples.TryGetValue(entry.Id, out var sample);
            var id = Html.E(entry.Id.ToString());
            var value = PointFormat.Value(sample, booleans);
            body.Append("<tr data-point=\"").Append(id).Append("\"><td><a href=\"/history?point=").Append(Uri.EscapeDataString(entry.Id.ToString())).Append("\">")
                .Append(Html.E(entry.Id.Point)).Append("</a></td><td><span data-field=\"value\">").Append(Html.E(value)).Append("</span> ")
                .Append("<span data-field=\"unit\"").Append(PointFormat.ShowsUnit(value) ? string.Empty : " hidden").Append('>').Append(Html.E(entry.Unit)).Append("</span></td><td><span data-field=\"quality\" class=\"q-").Append(PointFormat.QualityClass(sample)).Append("\">")
                .Append(Html.E(PointFormat.Quality(sample))).Append("</span></td><td data-field=\"time\">").Append(Html.E(PointFormat.Time(sample))).Append("</td></tr>");
        }

        body.Append("</tbody></table>");
    }
}
