using Microsoft.Extensions.Logging;

namespace SmartCampus.Edge.Sync.Tests.Support;

public sealed record LogEntry(LogLevel Level, int EventId, string Message, Exception? Exception)
{
    public override string ToString() => $"{Level} {EventId}: {Message} {Exception}";
}
