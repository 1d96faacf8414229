using LiteDB;

namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>
/// Read-only view of an outbox database for the technician CLI, while no gateway uses it. It takes the outbox lock
/// first, so it never reads a file that a running <see cref="OutboxStore"/> writes (LiteDB 5 has no safe reader
/// across processes); a gateway that starts meanwhile fails to open the outbox and is restarted by systemd.
/// Nothing is written: no recovery, no checkpoint, no new collections.
/// </summary>
public sealed class OutboxInspector : IDisposable
{
    private readonly OutboxLock _lock;
    private readonly LiteDatabase _database;

    private OutboxInspector(string databasePath, OutboxLock outboxLock, LiteDatabase database)
    {
        DatabasePath = databasePath;
        _lock = outboxLock;
        _database = database;
    }

    public string DatabasePath { get; }

    /// <summary>Opens the database read-only.</summary>
    /// <exception cref="FileNotFoundException">No database at the path.</exception>
    /// <exception cref="OutboxLockedException">A gateway (or another inspector) has the database open.</exception>
    public static OutboxInspector Open(string databasePath)
    {
        var path = Path.GetFullPath(databasePath);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No outbox database at '{path}'.", path);
        }

        var outboxLock = OutboxLock.Acquire(path);
        try
        {
            // LiteDB derives the log file name the same way as OutboxFiles.LogPath ("outbox-log.db"), and in
            // read-only mode reads committed pages from the log without a checkpoint.
            // NOTE: the log is not checked against its manifest here (LogRepair), so after a power cut that left half a
            // transaction the inspector may fail to read a file that the gateway's next open repairs.
            var database = new LiteDatabase(new ConnectionString { Filename = path, ReadOnly = true, Connection = ConnectionType.Direct });
            return new OutboxInspector(path, outboxLock, database);
        }
        catch
        {
            outboxLock.Dispose();
            throw;
        }
    }

    public OutboxSummary ReadSummary()
    {
        var totals = new LaneTotals();
        var lastSequence = OutboxDocuments.LoadState(_database, totals) ?? 0;
        var names = _database.GetCollectionNames().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var lanes = new List<OutboxLaneSummary>();

        foreach (var lane in OutboxLaneNames.All)
        {
            var name = OutboxLaneNames.Of(lane);
            var count = 0L;
            BsonDocument? oldest = null;
            if (names.Contains(name))
            {
                var collection = _database.GetCollection(name);
                count = collection.LongCount();
                oldest = collection.Find(Query.All(Query.Ascending), 0, 1).FirstOrDefault();
                var newest = collection.Find(Query.All(Query.Descending), 0, 1).FirstOrDefault();
                lastSequence = Math.Max(lastSequence, newest?["_id"].AsInt64 ?? 0);
            }

            var record = oldest is null ? null : OutboxDocuments.ToRecord(oldest, lane);
            lanes.Add(new OutboxLaneSummary(
                lane, name, count, record?.Sequence, record?.CreatedAt, count == 0 ? 0 : totals.Bytes(lane), totals.Dropped(lane), totals.DeadLettered(lane)));
        }

        return new OutboxSummary(DatabasePath, lastSequence, FileLength(DatabasePath), FileLength(OutboxFiles.LogPath(DatabasePath)), lanes);
    }

    /// <summary>Returns the waiting records of the lane, oldest first, reading them in pages.</summary>
    public IEnumerable<OutboxRecord> ReadRecords(OutboxLane lane)
    {
        var name = OutboxLaneNames.Of(lane);
        if (!_database.CollectionExists(name))
        {
            yield break;
        }

        const int PageSize = 500;
        var collection = _database.GetCollection(name);
        var after = long.MinValue;
        while (true)
        {
            var page = collection.Find(BsonExpression.Create("_id > @0", new BsonValue(after)), 0, PageSize).ToList();
            foreach (var document in page)
            {
                yield return OutboxDocuments.ToRecord(document, lane);
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            after = page[^1]["_id"].AsInt64;
        }
    }

    public void Dispose()
    {
        try
        {
            _database.Dispose();
        }
        finally
        {
            _lock.Dispose();
        }
    }

    private static long FileLength(string path)
    {
        var file = new FileInfo(path);
        return file.Exists ? file.Length : 0;
    }
}
