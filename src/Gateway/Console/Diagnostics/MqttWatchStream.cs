using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Mqtt;
using SmartCampus.Edge.Gateway.CommandLine.Technician;
using SmartCampus.Edge.Gateway.Configuration.Model;
using SmartCampus.Edge.Gateway.WebConsole.Hosting;
using SmartCampus.Edge.Gateway.WebConsole.Pages;
using SmartCampus.Edge.Gateway.WebConsole.Security;
using SmartCampus.Edge.Gateway.WebConsole.Text;

namespace SmartCampus.Edge.Gateway.WebConsole.Diagnostics;

/// <summary>
/// <c>/diagnostics/mqtt-watch?filter=…&amp;seconds=…</c>: subscribes to a topic filter on the campus broker with the
/// gateway's own account and streams what arrives as server-sent events: <c>message</c> (topic, retained flag,
/// payload as text), then one <c>end</c> or <c>failed</c>, after which the page closes the stream. Watching only
/// reads, so no interlock applies; each watch is audited.
/// </summary>
internal static class MqttWatchStream
{
    /// <summary>Durations offered on the page; a request for any other is rejected.</summary>
    public static readonly int[] Seconds = [5, 10, 30, 60, 120];

    /// <summary>Messages sent to the page per watch, so a busy filter such as "#" cannot flood a phone.</summary>
    public const int MaxMessages = 200;

    /// <summary>Payload bytes shown per message; the rest is cut and the message marked as cut.</summary>
    public const int MaxPayloadBytes = 2048;

    private const int MaxFilterLength = 256;

    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/diagnostics/mqtt-watch", WatchAsync);

    public static string Section()
    {
        var options = string.Concat(Seconds.Select(seconds => string.Create(CultureInfo.InvariantCulture, $"<option value=\"{seconds}\"{(seconds == 30 ? " selected" : string.Empty)}>{Html.E(Html.Choice(TimeSpan.FromSeconds(seconds)))}</option>")));
        return $"""
            <section><h2>{Html.E(ConsoleText.Get("WatchTitle"))}</h2><p>{Html.E(ConsoleText.Format("WatchExplain", MaxMessages))}</p>
            <form method="get" action="/diagnostics/mqtt-watch" class="stack" id="mqtt-watch-form">
            <label>{Html.E(ConsoleText.Get("WatchFilter"))}<input name="filter" id="watch-filter" value="campus/#" maxlength="{MaxFilterLength}" required></label>
            <label>{Html.E(ConsoleText.Get("WatchDuration"))}<select name="seconds" id="watch-seconds">{options}</select></label>
            <button type="submit" id="watch">{Html.E(ConsoleText.Get("WatchSubmit"))}</button>
            </form>
            <p id="watch-status" role="status"></p>
            <table class="grid" id="watch-messages"><thead><tr><th>{Html.E(ConsoleText.Get("WatchTopic"))}</th><th>{Html.E(ConsoleText.Get("WatchRetained"))}</th><th>{Html.E(ConsoleText.Get("WatchPayload"))}</th></tr></thead><tbody></tbody></table>
            </section>
            """;
    }

    private static async Task WatchAsync(HttpContext context, SiteConfiguration site, ConsoleAudit audit, TimeProvider timeProvider, IHostApplicationLifetime lifetime, ILoggerFactory loggers)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        using var session = LiveSession.Watch(context, stopping.Token);
        var ended = session.Token;
        context.Response.ContentType = "text/event-stream; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["X-Accel-Buffering"] = "no";

        var filter = context.Request.Query["filter"].ToString().Trim();
        var valid = int.TryParse(context.Request.Query["seconds"], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && Seconds.Contains(seconds);
        if (!valid || !IsValidFilter(filter))
        {
            await WriteEventAsync(context, "failed", new { text = ConsoleText.Format("WatchInvalid", MaxFilterLength) }, ended);
            return;
        }

        var user = context.User.Identity?.Name ?? "?";
        CampusBrokerTarget target;
        try
        {
            // Reads the TLS files of an external broker, as the gateway's own sessions do.
            target = CampusBrokerTarget.Resolve(site, host: null, port: null, username: null);
        }
        catch (InvalidOperationException exception)
        {
            await WriteEventAsync(context, "failed", new { text = exception.Message }, ended);
            return;
        }

        await audit.RecordAsync(user, SessionEndpoints.ClientOf(context), "mqtt-watch", $"filter {filter}", $"started for {seconds} s", ended);
        try
        {
            await StreamAsync(context, target, filter, TimeSpan.FromSeconds(seconds), timeProvider, loggers.CreateLogger(typeof(MqttWatchStream)), ended);
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

    private static async Task StreamAsync(HttpContext context, CampusBrokerTarget target, string filter, TimeSpan duration, TimeProvider timeProvider, ILogger logger, CancellationToken cancellationToken)
    {
        var messages = Channel.CreateBounded<object>(new BoundedChannelOptions(MaxMessages) { FullMode = BoundedChannelFullMode.DropWrite });
        using var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += args =>
        {
            messages.Writer.TryWrite(Describe(args.ApplicationMessage));
            return Task.CompletedTask;
        };

        if (await ConnectAsync(client, target, filter, logger, cancellationToken) is { } failure)
        {
            await WriteEventAsync(context, "failed", new { text = failure }, cancellationToken);
            return;
        }

        await WriteEventAsync(context, "started", new { text = ConsoleText.Format("WatchStarted", filter, target.Host, target.Port, (int)duration.TotalSeconds) }, cancellationToken);
        using var timer = new CancellationTokenSource(duration, timeProvider);
        using var window = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        var sent = 0;
        try
        {
            while (sent < MaxMessages && await messages.Reader.WaitToReadAsync(window.Token))
            {
                while (sent < MaxMessages && messages.Reader.TryRead(out var message))
                {
                    await WriteEventAsync(context, "message", message, cancellationToken);
                    sent++;
                }
            }
        }
        catch (OperationCanceledException) when (window.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The watch time is over.
        }

        var endKey = sent >= MaxMessages ? "WatchEndedAtLimit" : "WatchEnded";
        await WriteEventAsync(context, "end", new { count = sent, text = ConsoleText.Format(endKey, sent, MaxMessages) }, cancellationToken);
        if (client.IsConnected)
        {
            await client.DisconnectAsync(cancellationToken: CancellationToken.None);
        }
    }

    /// <summary>Connects and subscribes; returns null on success, else the text to show.</summary>
    private static async Task<string?> ConnectAsync(IMqttClient client, CampusBrokerTarget target, string filter, ILogger logger, CancellationToken cancellationToken)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(target.Host, target.Port)
            .WithClientId($"smartcampus-console-{Guid.NewGuid():N}"[..32])
            .WithCleanStart(true)
            .WithTimeout(ConnectTimeout);
        if (target.Username is not null)
        {
            builder = builder.WithCredentials(target.Username, target.Password);
        }

        if (target.Tls is not null)
        {
            target.Tls.ClearRejection();
            builder = target.Tls.Apply(builder);
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            var connected = await client.ConnectAsync(builder.Build(), cancellationToken);
            if (connected.ResultCode != MqttClientConnectResultCode.Success)
            {
                return CampusConnectFailure.Rejected(connected.ResultCode, target.Host, target.Port);
            }

            var subscription = await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, MqttQualityOfServiceLevel.AtMostOnce).Build(), cancellationToken);
            var granted = subscription.Items.Single().ResultCode;
            return granted <= MqttClientSubscribeResultCode.GrantedQoS2 ? null : ConsoleText.Format("WatchSubscribeRejected", filter, granted);
        }
        catch (Exception exception) when (exception is MqttCommunicationException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // MQTTnet's wording ("Unspecified/127.0.0.1") names neither the cause nor the fix: it goes to the log, and the technician gets both.
            var elapsed = Stopwatch.GetElapsedTime(started);
            ConsoleLog.WatchConnectFailed(logger, exception, target.Host, target.Port, (long)elapsed.TotalMilliseconds);
            return CampusConnectFailure.Describe(exception, target.Host, target.Port, ConnectTimeout, target.Tls is not null, target.Tls?.LastRejection, elapsed);
        }
    }

    /// <summary>
    /// Checks the MQTT topic filter wildcard rules: "#" only as the whole last level, "+" only as a
    /// whole level, no NUL character.
    /// </summary>
    private static bool IsValidFilter(string filter)
    {
        if (filter.Length is 0 or > MaxFilterLength || filter.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }

        var levels = filter.Split('/');
        for (var index = 0; index < levels.Length; index++)
        {
            var level = levels[index];
            if ((level.Contains('#', StringComparison.Ordinal) && (level != "#" || index != levels.Length - 1))
                || (level.Contains('+', StringComparison.Ordinal) && level != "+"))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The message as the page shows it: payload decoded as UTF-8 (invalid bytes become U+FFFD), cut at <see cref="MaxPayloadBytes"/>.</summary>
    private static object Describe(MqttApplicationMessage message)
    {
        var payload = message.Payload;
        var cut = payload.Length > MaxPayloadBytes;
        var bytes = (cut ? payload.Slice(0, MaxPayloadBytes) : payload).ToArray();
        return new
        {
            topic = message.Topic,
            retained = message.Retain,
            payload = Encoding.UTF8.GetString(bytes),
            bytes = payload.Length,
            cut,
        };
    }

    private static async Task WriteEventAsync(HttpContext context, string name, object data, CancellationToken cancellationToken)
    {
        await context.Response.WriteAsync($"event: {name}\ndata: {JsonSerializer.Serialize(data, ReadableJson.SerializerOptions)}\n\n", cancellationToken);
        await context.Response.Body.FlushAsync(cancellationToken);
    }
}
