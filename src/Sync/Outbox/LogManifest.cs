using SmartCampus.Edge.Sync.Files;

namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>
/// Side file of LiteDB's log ("outbox-log.db.sums") that lists, for each fsync of the log, the byte range written
/// since the one before and its checksum (<see cref="LogRange"/>). LiteDB 5.0.21 takes a transaction in its log as
/// complete once the page with its commit mark is there and checks nothing else. So when a device writes the log's
/// pages back out of order and the power goes, LiteDB replays half a transaction. Before LiteDB opens the
/// log, <see cref="LogRepair"/> cuts it back to the last range whose bytes match (see there for why that loses no
/// acknowledged commit).
/// </summary>
/// <remarks>
/// The entries form chains: an entry that starts at byte 0 begins a new chain (the log was emptied by a checkpoint,
/// or described anew), and each further entry starts where the one before ended. Only the last chain describes the
/// log. The manifest is fsynced together with the log, so it costs a second fsync per commit.
/// </remarks>
internal sealed class LogManifest : IDisposable
{
    private readonly FileStream _file;
    private readonly byte[] _entry = new byte[LogRange.Size];
    private bool _changed;

    private LogManifest(FileStream file)
    {
        _file = file;
        _file.Position = _file.Length;
    }

    public static string PathFor(string logPath) => logPath + ".sums";

    /// <summary>
    /// Creates the manifest of <paramref name="logPath"/> when it has none: the log as it is now is trusted and
    /// described by one entry (an outbox from before the manifest, or a new one with no log). The file is written
    /// under a temporary name and renamed, so a manifest is never seen empty beside a log it should cover.
    /// </summary>
    public static void CreateIfMissing(string manifestPath, string logPath)
    {
        if (File.Exists(manifestPath))
        {
            return;
        }

        var temporary = manifestPath + ".new";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0))
        {
            if (File.Exists(logPath))
            {
                using var log = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                if (log.Length > 0)
                {
                    var entry = new byte[LogRange.Size];
                    new LogRange(0, log.Length, LogChecksum.Compute(log, 0, log.Length)).WriteTo(entry);
                    file.Write(entry);
                }
            }

            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, manifestPath, overwrite: true);
        DirectoryFsync.FlushParentOf(manifestPath);
    }

    /// <summary>Opens an existing manifest for appending, through <paramref name="openFile"/> when set (tests).</summary>
    public static LogManifest Open(string path, Func<string, FileStream>? openFile = null)
    {
        var file = openFile?.Invoke(path) ?? new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
        return new LogManifest(file);
    }

    /// <summary>Reads the entries up to the first one that is torn or was never written.</summary>
    public List<LogRange> ReadAll()
    {
        var entries = new List<LogRange>();
        var content = new byte[_file.Length];
        _file.Position = 0;
        _file.ReadExactly(content);
        _file.Position = _file.Length;

        var offset = 0;
        while (LogRange.TryRead(content.AsSpan(offset), out var range))
        {
            entries.Add(range);
            offset += LogRange.Size;
        }

        return entries;
    }

    public void Append(LogRange range)
    {
        range.WriteTo(_entry);
        _file.Position = _file.Length;
        _file.Write(_entry);
        _changed = true;
    }

    /// <summary>Keeps the first <paramref name="bytes"/> bytes; zero empties the manifest.</summary>
    public void Truncate(long bytes)
    {
        if (_file.Length == bytes)
        {
            return;
        }

        _file.SetLength(bytes);
        _file.Position = bytes;
        _changed = true;
    }

    /// <summary>Fsyncs the manifest if it changed since the last call.</summary>
    public void Sync()
    {
        if (!_changed)
        {
            return;
        }

        _changed = false;
        _file.Flush(flushToDisk: true);
    }

    public void Dispose() => _file.Dispose();
}
