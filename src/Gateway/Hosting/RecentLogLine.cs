using System.Globalization;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace SmartCampus.Edge.Gateway.Hosting;

/// <summary>One log event as <see cref="RecentLogSink"/> keeps it.</summary>
public sealed record RecentLogLine(DateTimeOffset At, LogEventLevel Level, int? EventId, string? Source, string Message)
{
    private static readonly MessageTemplateTextFormatter Formatter = new("{Message:lj}", CultureInfo.InvariantCulture);

    /// <summary>Renders the message as the log file does (strings without quotes) and cuts it to <paramref name="maxChars"/>.</summary>
    public static RecentLogLine From(LogEvent logEvent, int maxChars)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Formatter.Format(logEvent, writer);
        if (logEvent.Exception is { } exception)
        {
            writer.Write($" [{exception.GetType().Name}: {exception.Message}]");
        }

        var message = writer.ToString();
        if (message.Length > maxChars)
        {
            message = message[..maxChars] + "…";
        }

        return new RecentLogLine(logEvent.Timestamp, logEvent.Level, EventIdOf(logEvent), SourceOf(logEvent), message);
    }

    /// <summary>The number <see cref="EventIdEnricher"/> lifted out of the event id; null for events without one.</summary>
    private static int? EventIdOf(LogEvent logEvent) =>
        logEvent.Properties.TryGetValue("EventNumber", out var value) && value is ScalarValue { Value: int id } && id != 0 ? id : null;

    private static string? SourceOf(LogEvent logEvent) =>
        logEvent.Properties.TryGetValue("SourceContext", out var value) && value is ScalarValue { Value: string source } ? source : null;
}
