using Microsoft.Extensions.Logging;

namespace SmartCampus.Edge.Rules.Tests.Support;

/// <summary>Collects log entries so tests can check what the engine reported.</summary>
public sealed class ListLogger : ILogger
{
    private readonly List<(LogLevel Level, EventId EventId, string Message)> entries = [];

    public IReadOnlyList<(LogLevel Level, EventId EventId, string Message)> Entries => entries;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        entries.Add((logLevel, eventId, formatter(state, exception)));

    public int Count(int eventId) => entries.Count(entry => entry.EventId.Id == eventId);
}
