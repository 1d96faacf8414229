using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Rules.State;

namespace SmartCampus.Edge.Gateway.RuleState;

/// <summary>
/// Keeps the rule engine's snapshot in one file in the data folder. A save writes a temporary file, flushes it to
/// the device and renames it over the old one, so a power cut leaves either the old or the new snapshot, never half
/// of one. A snapshot that cannot be read is moved aside and the engine starts without state.
/// </summary>
internal sealed partial class FileRuleStateStore(string path, ILogger<FileRuleStateStore> logger) : IRuleStateStore
{
    public const string FileName = "rule-state.json";

    public string Path { get; } = path;

    public async ValueTask SaveAsync(RuleEngineSnapshot snapshot, CancellationToken cancellationToken)
    {
        var bytes = RuleSnapshotJson.Serialize(snapshot);
        var temporary = Path + ".tmp";
        await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            await stream.WriteAsync(bytes, cancellationToken);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, Path, overwrite: true);
    }

    public async ValueTask<RuleEngineSnapshot?> LoadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        var bytes = await File.ReadAllBytesAsync(Path, cancellationToken);
        try
        {
            return RuleSnapshotJson.Deserialize(bytes);
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or FormatException or InvalidOperationException or ArgumentException)
        {
            var movedTo = $"{Path}.broken-{DateTime.UtcNow:yyyyMMddTHHmmssZ}";
            File.Move(Path, movedTo, overwrite: true);
            LogSnapshotUnreadable(logger, Path, movedTo, exception);
            return null;
        }
    }

    [LoggerMessage(EventId = 1260, Level = LogLevel.Error, Message = "Rule state {Path} could not be read and was moved to {MovedTo}; rules start without their saved alarms and durations")]
    private static partial void LogSnapshotUnreadable(ILogger logger, string path, string movedTo, Exception exception);
}
