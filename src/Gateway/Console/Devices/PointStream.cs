using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.Configuration.Model;
using SmartCampus.Edge.Gateway.Pipeline;
using SmartCampus.Edge.Gateway.WebConsole.Pages;
using SmartCampus.Edge.Gateway.WebConsole.Security;

namespace SmartCampus.Edge.Gateway.WebConsole.Devices;

/// <summary>
/// <c>/devices/stream</c>: server-sent events (text/event-stream) with the points and device states that changed
/// since the last message, checked once a second. The first message carries everything. When the session ends while
/// the page is open, a <c>session-ended</c> event closes the stream and the page goes to the login page.
/// </summary>
internal static class PointStream
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/devices/stream", StreamAsync);

    private static async Task StreamAsync(HttpContext context, SiteConfiguration site, PointTable points, DeviceStatusTable devices, TimeProvider timeProvider, IHostApplicationLifetime lifetime)
    {
        // A stream never ends on its own, so it also ends when the console stops; otherwise an open devices page
        // would hold up the gateway's shutdown until Kestrel's timeout.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        using var session = LiveSession.Watch(context, stopping.Token);
        var ended = session.Token;

        context.Response.ContentType = "text/event-stream; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        await context.Response.Body.FlushAsync(ended);

        var sent = new Dictionary<PointId, Sample>();
        var sentDevices = new Dictionary<string, string>(StringComparer.Ordinal);
        using var timer = new PeriodicTimer(Period, timeProvider);
        try
        {
            do
            {
                await SendPointsAsync(context, points, sent, ended);
                await SendDevicesAsync(context, site, points, devices, sentDevices, ended);
            }
            while (await timer.WaitForNextTickAsync(ended));
        }
        catch (OperationCanceledException) when (ended.IsCancellationRequested)
        {
            // The browser left the page, the console is stopping, or the session ended.
        }

        if (session.SessionEnded)
        {
            await LiveSession.SendEndedAsync(context);
        }
    }

    private static async Task SendPointsAsync(HttpContext context, PointTable points, Dictionary<PointId, Sample> sent, CancellationToken cancellationToken)
    {
        var changed = points.Snapshot().Where(sample => !sent.TryGetValue(sample.Point, out var last) || !ReferenceEquals(last, sample)).ToList();
        if (changed.Count == 0)
        {
            return;
        }

        var payload = changed.Select(sample => new
        {
            id = sample.Point.ToString(),
            value = PointFormat.Value(sample),
            quality = PointFormat.Quality(sample),
            qualityClass = PointFormat.QualityClass(sample),
            time = PointFormat.Time(sample),
        });
        await WriteEventAsync(context, "points", JsonSerializer.Serialize(payload), cancellationToken);
        foreach (var sample in changed)
        {
            sent[sample.Point] = sample;
        }
    }

    private static async Task SendDevicesAsync(HttpContext context, SiteConfiguration site, PointTable points, DeviceStatusTable devices, Dictionary<string, string> sent, CancellationToken cancellationToken)
    {
        var latest = points.Snapshot().Where(sample => sample.Quality == Quality.Good).ToLookup(sample => sample.Point.Device, StringComparer.Ordinal);
        var changed = new List<object>();
        foreach (var device in site.Devices)
        {
            var (text, cssClass) = PointFormat.Online(devices.IsOnline(device.Id));
            var lastSeen = Html.Time(latest[device.Id].Select(sample => (DateTimeOffset?)sample.GatewayTime).Max());
            var state = $"{text}|{lastSeen}";
            if (sent.TryGetValue(device.Id, out var last) && last == state)
            {
                continue;
            }

            sent[device.Id] = state;
            changed.Add(new { id = device.Id, online = text, onlineClass = cssClass, lastSeen });
        }

        if (changed.Count > 0)
        {
            await WriteEventAsync(context, "devices", JsonSerializer.Serialize(changed), cancellationToken);
        }
    }

    private static async Task WriteEventAsync(HttpContext context, string name, string json, CancellationToken cancellationToken)
    {
        await context.Response.WriteAsync($"event: {name}\ndata: {json}\n\n", cancellationToken);
        await context.Response.Body.FlushAsync(cancellationToken);
    }
}
