using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SmartCampus.Edge.Gateway.Tests.Rules;

/// <summary>Records the event id of each log entry; safe to write from the background loops under test.</summary>
internal sealed class EventLogger : ILogger
{
    private readonly ConcurrentQueue<(int EventId, string Message)> entries = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        entries.Enqueue((eventId.Id, formatter(state, exception)));

    public IReadOnlyList<string> MessagesOf(int eventId) => entries.Where(entry => entry.EventId == eventId).Select(entry => entry.Message).ToArray();
}
