using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using SmartCampus.Edge.Gateway.Configuration.Model;
using SmartCampus.Edge.Gateway.Pipeline;
using SmartCampus.Edge.Gateway.WebConsole.Security;

namespace SmartCampus.Edge.Gateway.WebConsole.Devices;

/// <summary>
/// <c>/devices/stream</c>: server-sent events (text/event-stream) with the points and device states that changed
/// since the last message, checked once a second. The first message carries everything; <see cref="PointStreamState"/>
/// builds them. When the session ends while the page is open, a <c>session-ended</c> event closes the stream and the
/// page goes to the login page.
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

        var state = new PointStreamState();
        using var timer = new PeriodicTimer(Period, timeProvider);
        try
        {
            do
            {
                if (await state.WriteChangesAsync(points, site, devices, context.Response.Body, ended))
                {
                    await context.Response.Body.FlushAsync(ended);
                }
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
}
