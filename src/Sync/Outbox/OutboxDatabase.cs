using LiteDB;
using LiteDB.Engine;
using SmartCampus.Edge.Sync.Files;

namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>
/// One open LiteDB database on file streams the outbox owns, so that the log can be fsynced after each commit
/// (LiteDB 5.0.21 never flushes the log at commit).
/// </summary>
internal sealed class OutboxDatabase : IDisposable
{
    private OutboxDatabase(LiteEngine engine, LiteDatabase database, DurableFileStream dataStream, DurableFileStream logStream, Func<string, FileStream>? openFile)
    {
        OpenFile = openFile;
        _engine = engine;
        Database = database;
        DataStream = dataStream;
        LogStream = logStream;
    }

    /// <summary>The open database; replaced by <see cref="Adopt"/> after a compaction, so read it at each use.</summary>
    public LiteDatabase Database { get; private set; }

    public DurableFileStream DataStream { get; private set; }

    public DurableFileStream LogStream { get; private set; }

    /// <summary>How the files were opened (see <see cref="OutboxOptions.OpenFile"/>); a compaction opens its files the same way.</summary>
    public Func<string, FileStream>? OpenFile { get; }

    /// <summary>
    /// Readers on other threads take it for reading. The writer thread takes it for writing during each of its LiteDB
    /// transactions and checkpoints, and while it closes the file and reopens a compacted one. So no reader sees a
    /// closed engine or runs beside a write.
    /// </summary>
    public ReaderWriterLockSlim Gate { get; } = new(LockRecursionPolicy.NoRecursion);

    // Set once the engine and streams are closed, so a reopen that failed leaves nothing to close twice.
    private bool _closed;

    private LiteEngine _engine;

    /// <summary>
    /// Takes over the engine and streams of <paramref name="other"/>, a database opened on the compacted file or
    /// reopened after a failure.
    /// </summary>
    public void Adopt(OutboxDatabase other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _engine = other._engine;
        Database = other.Database;
        DataStream = other.DataStream;
        LogStream = other.LogStream;
        _closed = false;
        other.Gate.Dispose();
    }

    /// <summary>Closes the engine (LiteDB checkpoints first) and the streams, but keeps <see cref="Gate"/> for <see cref="Adopt"/>.</summary>
    public void CloseFiles()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        try
        {
            Database.Dispose();
            FlushLog();
        }
        finally
        {
            DataStream.Dispose();
            LogStream.Dispose();
        }
    }

    /// <summary>
    /// Closes the streams of an engine that failed, then the engine, and keeps <see cref="Gate"/> for
    /// <see cref="Adopt"/>. The streams go first, so that nothing the failed engine still keeps in memory (its
    /// dispose would checkpoint) reaches the files. The files are then as a crash leaves them, and the next
    /// <see cref="Open"/> repairs the log against its manifest as at start. Errors of the failed engine are ignored.
    /// </summary>
    public void Abandon()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        LiteDbTransactions.SuppressFinalizers(_engine);
        DataStream.Dispose();
        LogStream.Dispose();
        try
        {
            Database.Dispose();
        }
        catch (Exception exception) when (exception is LiteException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The engine was already broken; its files are closed.
        }
    }

    /// <summary>
    /// Opens the database at <paramref name="dataPath"/>, creating it when missing, and sets the CHECKPOINT pragma.
    /// Throws <see cref="InvalidDataException"/> when the data file is not a LiteDB file, and whatever LiteDB throws
    /// when it cannot open one.
    /// </summary>
    public static OutboxDatabase Open(string dataPath, int checkpointPages, Func<string, FileStream>? openFile = null)
    {
        var logPath = OutboxFiles.LogPath(dataPath);
        var problem = OutboxFileCheck.FindProblem(dataPath, logPath);
        if (problem is not null)
        {
            throw new InvalidDataException($"Outbox database '{dataPath}' is not usable: {problem}.");
        }

        DurableFileStream? dataStream = null;
        DurableFileStream? logStream = null;
        LiteDatabase? database = null;

        try
        {
            var created = !File.Exists(dataPath) || !File.Exists(logPath);

            // Before the log is opened: this reads it, and the open below locks it.
            LogManifest.CreateIfMissing(LogManifest.PathFor(logPath), logPath);
            dataStream = DurableFileStream.Open(dataPath, openFile);
            logStream = DurableFileStream.Open(logPath, openFile);
            dataStream.WriteAheadLog = logStream;
            OpenManifest(logStream, logPath, openFile);
            if (created)
            {
                // Records fsynced into a new file would vanish with it if a power cut lost the file's name.
                DirectoryFsync.FlushParentOf(dataPath);
            }

            LiteDbPageCache.EnsureLimited();
            var engine = new LiteEngine(new EngineSettings { DataStream = dataStream, LogStream = logStream });
            database = new LiteDatabase(engine, mapper: null, disposeOnClose: true);

            // The pragma is stored in the data file header. Zero would disable checkpoints and let the log grow forever.
            database.CheckpointSize = checkpointPages;
            if (database.CheckpointSize <= 0)
            {
                throw new InvalidOperationException(
                    $"LiteDB CHECKPOINT is {database.CheckpointSize} pages after setting it to {checkpointPages}; the outbox log would grow without bound.");
            }

            return new OutboxDatabase(engine, database, dataStream, logStream, openFile);
        }
        catch
        {
            database?.Dispose();
            dataStream?.Dispose();
            logStream?.Dispose();
            throw;
        }
    }

    /// <summary>Cuts the log back to what its manifest vouches for, then hands the manifest to the log's stream.</summary>
    private static void OpenManifest(DurableFileStream logStream, string logPath, Func<string, FileStream>? openFile)
    {
        var manifest = LogManifest.Open(LogManifest.PathFor(logPath), openFile);
        try
        {
            LogRepair.Repair(logStream, manifest);
        }
        catch
        {
            manifest.Dispose();
            throw;
        }

        logStream.AttachManifest(manifest);
    }

    /// <summary>Forces the pages of the last commit to the device. Call after Commit() on the writer thread.</summary>
    public void FlushLog()
    {
        lock (LogStream)
        {
            LogStream.Flush();
        }
    }

    public long LogLength
    {
        get
        {
            lock (LogStream)
            {
                return LogStream.Length;
            }
        }
    }

    public void Dispose()
    {
        // LiteDB's dispose runs a checkpoint when no reader holds a lock; it does not close caller-supplied streams.
        CloseFiles();
        Gate.Dispose();
    }
}
