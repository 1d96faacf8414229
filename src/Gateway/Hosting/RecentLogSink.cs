using Serilog.Core;
using Serilog.Events;

namespace SmartCampus.Edge.Gateway.Hosting;

/// <summary>
/// Keeps the newest log events in memory, rendered as the log file renders them, so the district can ask for recent
/// lines without a login on the gateway. Bounded twice: <see cref="Capacity"/> events and
/// <see cref="MaxMessageChars"/> characters per message, so it takes at most about 4 MB (UTF-16), an estimate.
/// </summary>
/// <remarks>
/// Contains only what the log file contains: the rendered message, event id, level, source and the exception's type
/// and message (no stack trace). Log templates never carry passwords, keys or tokens, so neither does this buffer.
/// </remarks>
public sealed class RecentLogSink : ILogEventSink
{
    public const int Capacity = 1000;

    public const int MaxMessageChars = 2000;

    private readonly RecentLogLine[] _lines = new RecentLogLine[Capacity];
    private readonly Lock _lock = new();
    private long _written;

    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        var line = RecentLogLine.From(logEvent, MaxMessageChars);
        lock (_lock)
        {
            _lines[_written % Capacity] = line;
            _written++;
        }
    }

    /// <summary>Returns the held lines at or above <paramref name="minimumLevel"/> and not older than <paramref name="since"/>, oldest first.</summary>
    public IReadOnlyList<RecentLogLine> Read(LogEventLevel minimumLevel, DateTimeOffset? since)
    {
        lock (_lock)
        {
            var count = (int)Math.Min(_written, Capacity);
            var result = new List<RecentLogLine>(count);
            for (var i = _written - count; i < _written; i++)
            {
                var line = _lines[i % Capacity];
                if (line.Level >= minimumLevel && (since is not { } from || line.At >= from))
                {
                    result.Add(line);
                }
            }

            return result;
        }
    }
}
