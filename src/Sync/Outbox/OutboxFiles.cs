using System.Globalization;
using SmartCampus.Edge.Sync.Files;

namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>Paths of the files that make up one outbox database, and moving a broken set aside.</summary>
internal static class OutboxFiles
{
    /// <summary>Returns LiteDB's log file name for a data file: "outbox.db" has the log "outbox-log.db".</summary>
    public static string LogPath(string dataPath)
    {
        var directory = Path.GetDirectoryName(dataPath) ?? string.Empty;
        var name = Path.GetFileNameWithoutExtension(dataPath);
        var extension = Path.GetExtension(dataPath);

        return Path.Combine(directory, name + "-log" + extension);
    }

    public static string LockPath(string dataPath) => dataPath + ".lock";

    /// <summary>The new file a compaction writes before it replaces the data file.</summary>
    public static string CompactPath(string dataPath) => dataPath + ".compact";

    /// <summary>
    /// Renames <paramref name="path"/> to "&lt;name&gt;.broken-&lt;UTC time&gt;&lt;ext&gt;" in the same folder and
    /// returns the new path, or returns null when the file does not exist.
    /// </summary>
    public static string? MoveAside(string path, DateTimeOffset now)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var directory = Path.GetDirectoryName(path) ?? string.Empty;
        var name = Path.GetFileNameWithoutExtension(path);
        var extension = Path.GetExtension(path);
        var stamp = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

        var target = Path.Combine(directory, $"{name}.broken-{stamp}{extension}");
        for (var attempt = 1; File.Exists(target); attempt++)
        {
            target = Path.Combine(directory, $"{name}.broken-{stamp}-{attempt}{extension}");
        }

        File.Move(path, target);
        DirectoryFsync.FlushParentOf(target);
        return target;
    }
}
