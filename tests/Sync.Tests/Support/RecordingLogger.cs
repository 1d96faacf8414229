using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SmartCampus.Edge.Sync.Tests.Support;

/// <summary>Keeps every log entry so that tests can assert on event ids and on the absence of errors.</summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        _entries.Enqueue(new LogEntry(logLevel, eventId.Id, formatter(state, exception), exception));
    }

    public bool Has(int eventId) => _entries.Any(entry => entry.EventId == eventId);

    public IEnumerable<LogEntry> AtLeast(LogLevel level) => _entries.Where(entry => entry.Level >= level);

    /// <summary>Fails with the unexpected entries listed, so the test output shows what went wrong.</summary>
    public void AssertNoErrors()
    {
        var errors = AtLeast(LogLevel.Error).ToList();
        Assert.True(errors.Count == 0, "Unexpected error logs:" + Environment.NewLine + string.Join(Environment.NewLine, errors));
    }
}
