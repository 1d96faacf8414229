using LiteDB;
using SmartCampus.Edge.Sync.Outbox;
using SmartCampus.Edge.Sync.Tests.Support;

namespace SmartCampus.Edge.Sync.Tests.Outbox;

/// <summary>
/// The log manifest and the repair that cuts LiteDB's log back to the ranges it lists, on real files. "Device"
/// copies are taken while the files are open, as a power cut would leave them.
/// </summary>
public sealed class LogManifestTests : IDisposable
{
    private const int Page = 8192;

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Repair_KeepsFsyncedRanges()
    {
        var log = _directory.File("a-log.db");
        WriteLog(log, flushes: [[1, 2], [3, 4, 5]], unflushed: []);

        Assert.Equal(0, Repair(log));
        Assert.Equal(5 * Page, new FileInfo(log).Length);
        Assert.Equal(2, ReadEntries(log).Count);
    }

    [Fact]
    public void Repair_CutsBytesNotFsynced()
    {
        var log = _directory.File("a-log.db");
        WriteLog(log, flushes: [[1, 2]], unflushed: [3, 4]);

        Assert.Equal(2 * Page, Repair(log));
        Assert.Equal(2 * Page, new FileInfo(log).Length);
    }

    [Fact]
    public void Repair_CutsRangeWithPageMissing()
    {
        // The power went during the second fsync: its entry reached the manifest, but not the middle page of its range.
        var log = _directory.File("a-log.db");
        WriteLog(log, flushes: [[1, 2], [3, 4, 5]], unflushed: []);
        ZeroPage(log, 3);

        Assert.Equal(3 * Page, Repair(log));
        Assert.Equal(2 * Page, new FileInfo(log).Length);
        Assert.Single(ReadEntries(log));

        // New appends continue the chain from the cut.
        using (var stream = OpenAttached(log))
        {
            stream.Position = stream.Length;
            stream.Write(PageOf(9));
            stream.Flush();
        }

        Assert.Equal(0, Repair(log));
        Assert.Equal(3 * Page, new FileInfo(log).Length);
    }

    [Fact]
    public void Repair_DropsTornManifestEntry()
    {
        var log = _directory.File("a-log.db");
        WriteLog(log, flushes: [[1], [2]], unflushed: []);
        var manifest = LogManifest.PathFor(log);
        var bytes = File.ReadAllBytes(manifest);
        bytes[^3] ^= 0xFF;
        File.WriteAllBytes(manifest, bytes);

        Assert.Equal(Page, Repair(log));
        Assert.Equal(LogRange.Size, new FileInfo(manifest).Length);
    }

    [Fact]
    public void Flush_AfterEmptyingLog_EmptiesManifest()
    {
        var log = _directory.File("a-log.db");
        WriteLog(log, flushes: [[1, 2]], unflushed: []);
        using (var stream = OpenAttached(log))
        {
            stream.SetLength(0);
            stream.Flush();
        }

        Assert.Equal(0, new FileInfo(LogManifest.PathFor(log)).Length);
    }

    [Fact]
    public void Repair_EmptyManifest_CutsCheckpointedLog()
    {
        // A checkpoint emptied the log and the manifest; the log's truncation did not reach the device.
        var log = _directory.File("a-log.db");
        WriteLog(log, flushes: [[1, 2]], unflushed: []);
        File.WriteAllBytes(LogManifest.PathFor(log), []);

        Assert.Equal(2 * Page, Repair(log));
    }

    [Fact]
    public void CreateIfMissing_TrustsLogWithoutManifest()
    {
        // An outbox written before the manifest existed keeps its log.
        var log = _directory.File("a-log.db");
        File.WriteAllBytes(log, [.. PageOf(1), .. PageOf(2)]);

        LogManifest.CreateIfMissing(LogManifest.PathFor(log), log);

        Assert.Equal(0, Repair(log));
        Assert.Equal(2 * Page, new FileInfo(log).Length);
        Assert.False(File.Exists(LogManifest.PathFor(log) + ".new"));
    }

    [Fact]
    public void Rewrite_StartsNewChain()
    {
        var log = _directory.File("a-log.db");
        WriteLog(log, flushes: [[1, 2]], unflushed: []);
        using (var stream = OpenAttached(log))
        {
            // Not an append at the end: the next fsync describes the whole log again.
            stream.Position = 0;
            stream.Write(PageOf(7));
            stream.Flush();
        }

        var entries = ReadEntries(log);
        Assert.Equal(new LogRange(0, 2 * Page, entries[^1].Crc), entries[^1]);
        Assert.Equal(0, Repair(log));
    }

    [Fact]
    public void Database_OpensWithoutHalfTransaction()
    {
        // Real LiteDB: two acknowledged commits, then a third of several pages written to the log but not fsynced.
        // For each page of the third commit but its last (the commit page), a copy of the files is left without it.
        var dataPath = _directory.File("outbox.db");
        var logPath = OutboxFiles.LogPath(dataPath);
        var original = Path.Combine(_directory.Path, "original");
        Directory.CreateDirectory(original);
        long acknowledgedEnd;
        long logEnd;
        using (var database = OutboxDatabase.Open(dataPath, checkpointPages: 1000, OpenUnlocked))
        {
            var collection = database.Database.GetCollection("telemetry");
            collection.Insert(Document(1, 100));
            database.FlushLog();
            collection.Insert(Document(2, 100));
            database.FlushLog();
            acknowledgedEnd = database.LogLength;

            collection.InsertBulk(Enumerable.Range(3, 6).Select(id => Document(id, 5000)));
            logEnd = database.LogLength;
            Assert.True(logEnd - acknowledgedEnd >= 3 * Page, "the third commit should span several log pages");

            foreach (var path in new[] { dataPath, logPath, LogManifest.PathFor(logPath) })
            {
                File.Copy(path, Path.Combine(original, Path.GetFileName(path)));
            }
        }

        for (var page = (int)(acknowledgedEnd / Page); page < (logEnd / Page) - 1; page++)
        {
            var device = Path.Combine(_directory.Path, $"device-{page}");
            Directory.CreateDirectory(device);
            foreach (var file in Directory.GetFiles(original))
            {
                File.Copy(file, Path.Combine(device, Path.GetFileName(file)));
            }

            var deviceData = Path.Combine(device, "outbox.db");
            ZeroPage(OutboxFiles.LogPath(deviceData), page);

            using var reopened = OutboxDatabase.Open(deviceData, checkpointPages: 1000);
            var documents = reopened.Database.GetCollection("telemetry").FindAll().ToList();
            Assert.Equal(new[] { 1, 2 }, documents.Select(document => document["_id"].AsInt32).Order().ToArray());
            Assert.All(documents, document => Assert.Equal(100, document["pad"].AsString.Length));
        }
    }

    // Opens without the exclusive lock, so the test can copy the files while the database is open.
    private static FileStream OpenUnlocked(string path) => new(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);

    private static BsonDocument Document(int id, int padBytes) => new() { ["_id"] = id, ["pad"] = new string('x', padBytes) };

    private static byte[] PageOf(byte value) => Enumerable.Repeat(value, Page).ToArray();

    /// <summary>Writes pages to a log with a manifest, fsyncing after each group; the unflushed pages get no fsync.</summary>
    private static void WriteLog(string log, byte[][] flushes, byte[] unflushed)
    {
        LogManifest.CreateIfMissing(LogManifest.PathFor(log), log);
        using var stream = OpenAttached(log);
        foreach (var group in flushes)
        {
            foreach (var value in group)
            {
                stream.Write(PageOf(value));
            }

            stream.Flush();
        }

        foreach (var value in unflushed)
        {
            stream.Write(PageOf(value));
        }
    }

    private static DurableFileStream OpenAttached(string log)
    {
        var stream = DurableFileStream.Open(log);
        stream.AttachManifest(LogManifest.Open(LogManifest.PathFor(log)));
        stream.Position = stream.Length;
        return stream;
    }

    private static long Repair(string log)
    {
        using var stream = DurableFileStream.Open(log);
        using var manifest = LogManifest.Open(LogManifest.PathFor(log));
        return LogRepair.Repair(stream, manifest);
    }

    private static List<LogRange> ReadEntries(string log)
    {
        using var manifest = LogManifest.Open(LogManifest.PathFor(log));
        return manifest.ReadAll();
    }

    private static void ZeroPage(string path, int index)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write);
        stream.Position = (long)index * Page;
        stream.Write(new byte[Page]);
    }
}
