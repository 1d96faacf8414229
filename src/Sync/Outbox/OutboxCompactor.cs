using LiteDB;
using SmartCampus.Edge.Sync.Files;

namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>
/// Gives the disk space of deleted records back to the file system. LiteDB 5.0.21 reuses free pages but never shrinks
/// its file, and its own Rebuild works only on a file it opened by name (not on the outbox's fsyncing streams), so
/// the compactor copies every collection into a new file beside the old one, fsyncs it, closes the old database and
/// renames the new file over it. Runs on the writer thread, so no write happens in between.
/// </summary>
/// <remarks>
/// Every step leaves a complete database at the data path: until the rename the old file is untouched (a crash
/// leaves only a stale "&lt;path&gt;.compact", deleted at the next open), and the old log is deleted only after a
/// checkpoint emptied it, so it can never be replayed onto the new file.
/// </remarks>
internal static class OutboxCompactor
{
    private const int CopyChunk = 1000;

    /// <summary>Compacts the database in place and returns the data file bytes before and after, or null when it gave up.</summary>
    public static (long Before, long After)? Compact(OutboxDatabase database, string dataPath, int checkpointPages)
    {
        var before = FileLength(dataPath) + FileLength(OutboxFiles.LogPath(dataPath));
        var compactPath = OutboxFiles.CompactPath(dataPath);
        DeleteCompactFiles(dataPath);

        try
        {
            using (var fresh = OutboxDatabase.Open(compactPath, checkpointPages, database.OpenFile))
            {
                Copy(database.Database, fresh.Database);
                fresh.Database.Checkpoint();
                fresh.DataStream.Flush();
                fresh.FlushLog();
            }

            // Dispose checkpoints again; a log left with pages would have to be replayed, which a rename cannot carry.
            if (FileLength(OutboxFiles.LogPath(compactPath)) > 0)
            {
                DeleteCompactFiles(dataPath);
                return null;
            }
        }
        catch
        {
            DeleteCompactFiles(dataPath);
            throw;
        }

        database.Gate.EnterWriteLock();
        try
        {
            database.Database.Checkpoint();
            database.FlushLog();
            database.CloseFiles();

            var logPath = OutboxFiles.LogPath(dataPath);
            if (FileLength(logPath) > 0)
            {
                // Not expected after a checkpoint with no reader; keep the old database rather than risk it.
                database.Adopt(OutboxDatabase.Open(dataPath, checkpointPages, database.OpenFile));
                DeleteCompactFiles(dataPath);
                return null;
            }

            File.Delete(logPath);
            File.Delete(OutboxFiles.LogPath(compactPath));
            File.Delete(LogManifest.PathFor(OutboxFiles.LogPath(compactPath)));
            File.Move(compactPath, dataPath, overwrite: true);
            database.Adopt(OutboxDatabase.Open(dataPath, checkpointPages, database.OpenFile));
        }
        finally
        {
            database.Gate.ExitWriteLock();
        }

        // Until the folder is fsynced, a power cut may bring back the old file, whose log is already deleted: it holds
        // every record (it was checkpointed), so that costs resends of deleted records, never a loss.
        DirectoryFsync.FlushParentOf(dataPath);

        return (before, FileLength(dataPath) + FileLength(OutboxFiles.LogPath(dataPath)));
    }

    /// <summary>Deletes what a compaction cut short left behind; call before opening the database.</summary>
    public static void DeleteCompactFiles(string dataPath)
    {
        var compactPath = OutboxFiles.CompactPath(dataPath);
        File.Delete(compactPath);
        File.Delete(OutboxFiles.LogPath(compactPath));
        File.Delete(LogManifest.PathFor(OutboxFiles.LogPath(compactPath)));
    }

    /// <summary>Copies every collection document by document, keeping ids, in sequence order and in bounded transactions.</summary>
    private static void Copy(LiteDatabase source, LiteDatabase target)
    {
        foreach (var name in source.GetCollectionNames().ToList())
        {
            var from = source.GetCollection(name);
            var to = target.GetCollection(name);
            var chunk = new List<BsonDocument>(CopyChunk);
            foreach (var document in from.Find(Query.All(Query.Ascending)))
            {
                chunk.Add(document);
                if (chunk.Count == CopyChunk)
                {
                    to.InsertBulk(chunk, CopyChunk);
                    chunk.Clear();
                }
            }

            if (chunk.Count > 0)
            {
                to.InsertBulk(chunk, CopyChunk);
            }
        }

        OutboxDocuments.CreateCollections(target);
    }

    private static long FileLength(string path)
    {
        var file = new FileInfo(path);
        return file.Exists ? file.Length : 0;
    }
}
