using LiteDB;
using SmartCampus.Edge.Sync.Outbox;

namespace SmartCampus.Edge.Sync.Downlink;

/// <summary>
/// Command ids seen by this gateway with their result, in a LiteDB file whose log is fsynced after each write (the
/// outbox's durable streams), so a command counts as received only once that is on the device. Entries are kept
/// until their expiry plus the retention, which also makes the ledger the audit trail of recent commands.
/// </summary>
internal sealed class DownlinkLedger : IDisposable
{
    private const string Collection = "commands";
    private const string Received = "received";

    private readonly OutboxDatabase _database;
    private readonly Lock _lock = new();

    public DownlinkLedger(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _database = OutboxDatabase.Open(Path.GetFullPath(path), checkpointPages: 100);
    }

    /// <summary>Stores the id as received and returns null, or returns the stored status when the id was seen before.</summary>
    public string? TryBegin(DownlinkCommand command, DateTimeOffset now)
    {
        lock (_lock)
        {
            var commands = _database.Database.GetCollection(Collection);
            var existing = commands.FindById(command.Id);
            if (existing is not null)
            {
                return existing["status"].AsString;
            }

            commands.Insert(new BsonDocument
            {
                ["_id"] = command.Id,
                ["type"] = command.Type,
                ["origin"] = command.Origin ?? string.Empty,
                ["expires"] = command.ExpiresAt.UtcTicks,
                ["received"] = now.UtcTicks,
                ["status"] = Received,
            });
            _database.FlushLog();
            return null;
        }
    }

    public void Complete(string id, DownlinkResult result, DateTimeOffset now)
    {
        lock (_lock)
        {
            var commands = _database.Database.GetCollection(Collection);
            var document = commands.FindById(id);
            if (document is null)
            {
                return;
            }

            document["status"] = result.Status;
            document["reason"] = result.Reason ?? string.Empty;
            document["completed"] = now.UtcTicks;
            commands.Update(document);
            _database.FlushLog();
        }
    }

    /// <summary>Deletes entries whose command expired more than <paramref name="retention"/> ago; returns how many.</summary>
    public int Purge(DateTimeOffset now, TimeSpan retention)
    {
        lock (_lock)
        {
            var limit = (now - retention).UtcTicks;
            var deleted = _database.Database.GetCollection(Collection).DeleteMany(BsonExpression.Create("expires < @0", new BsonValue(limit)));
            if (deleted > 0)
            {
                _database.FlushLog();
            }

            return deleted;
        }
    }

    public void Dispose() => _database.Dispose();
}
