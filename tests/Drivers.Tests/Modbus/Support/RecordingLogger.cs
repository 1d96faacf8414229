using Microsoft.Extensions.Logging;

namespace SmartCampus.Edge.Drivers.Tests.Modbus.Support;

/// <summary>A logger that keeps every entry, so tests can check what was logged and that nothing logged an error.</summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly Lock _lock = new();
    private readonly List<(LogLevel Level, EventId EventId, string Message, Exception? Exception)> _entries = [];

    public IReadOnlyList<(LogLevel Level, EventId EventId, string Message, Exception? Exception)> Entries
    {
        get
        {
            lock (_lock)
            {
                return [.. _entries];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_lock)
        {
            _entries.Add((logLevel, eventId, formatter(state, exception), exception));
        }
    }

    public int Count(int eventId) => Entries.Count(entry => entry.EventId.Id == eventId);

    /// <summary>Fails the test when anything was logged at error level or above.</summary>
    public void AssertNoErrors()
    {
        var errors = Entries.Where(entry => entry.Level >= LogLevel.Error).Select(entry => entry.Message).ToList();
        Assert.True(errors.Count == 0, "Unexpected error logs: " + string.Join(" | ", errors));
    }
}
