using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Sync.Files;

namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>
/// A ceiling on the sequences handed out, kept in "&lt;database&gt;.seq" beside the database. A database that is
/// replaced (moved aside after failing to open, or deleted) starts above it instead of at 1, because the district
/// de-duplicates on (gateway, sequence) and would discard the new records as repeats of old ones. The ceiling is
/// raised in blocks, so the file is written (and fsynced) once per <see cref="ReservationBlock"/> sequences.
/// </summary>
/// <remarks>NOTE: if the whole data folder is lost, e.g. with a replaced SD card, sequences start at 1 again.</remarks>
internal sealed class OutboxSequenceFloor
{
    public const long ReservationBlock = 100_000;

    // Fixed width, written in place at offset 0: 20 digits hold any long, and the 21 bytes sit in one 512-byte
    // sector, which common storage writes as a unit, so a power cut leaves the old or the new value.
    private const int RecordLength = 21;

    private readonly string _path;

    private OutboxSequenceFloor(string path, long ceiling)
    {
        _path = path;
        Ceiling = ceiling;
    }

    /// <summary>Highest sequence that may have been handed out by any database on this path.</summary>
    public long Ceiling { get; private set; }

    public static string PathFor(string databasePath) => databasePath + ".seq";

    /// <summary>Reads the ceiling; a missing file gives 0, an unreadable one gives 0 and a warning.</summary>
    public static OutboxSequenceFloor Load(string databasePath, ILogger logger)
    {
        var path = PathFor(databasePath);
        if (!File.Exists(path))
        {
            return new OutboxSequenceFloor(path, 0);
        }

        var text = File.ReadAllText(path, Encoding.ASCII).Trim();
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ceiling))
        {
            return new OutboxSequenceFloor(path, ceiling);
        }

        OutboxLog.SequenceFloorInvalid(logger, path, text.Length > 40 ? text[..40] : text);
        return new OutboxSequenceFloor(path, 0);
    }

    /// <summary>Raises the ceiling on the device before <paramref name="sequence"/> may be committed.</summary>
    public void Reserve(long sequence)
    {
        if (sequence <= Ceiling)
        {
            return;
        }

        var ceiling = sequence + ReservationBlock;
        var record = Encoding.ASCII.GetBytes(ceiling.ToString("D20", CultureInfo.InvariantCulture) + "\n");

        var created = !File.Exists(_path);
        using (var file = new FileStream(_path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.None, bufferSize: 0))
        {
            file.Write(record, 0, RecordLength);
            file.SetLength(RecordLength);
            file.Flush(flushToDisk: true);
        }

        if (created)
        {
            // A new file's name is on the device only after its folder is fsynced.
            DirectoryFsync.FlushParentOf(_path);
        }

        Ceiling = ceiling;
    }
}
