namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>
/// A file stream whose <see cref="Flush()"/> reaches the device (fsync). LiteDB 5.0.21 calls plain Flush() on a
/// caller-supplied stream where it would fsync its own files, e.g. after a checkpoint has written the data file
/// and before it truncates the log. Without this, a power cut could lose pages that are no longer in the log.
/// LiteDB serialises its own access by locking this object; so does every caller in the outbox.
/// </summary>
internal sealed class DurableFileStream : Stream
{
    private readonly FileStream _file;
    private long _flushCount;
    private volatile bool _dirty;

    private DurableFileStream(FileStream file)
    {
        _file = file;
    }

    public string Path => _file.Name;

    /// <summary>Number of fsyncs so far; tests use it to check that commits reach the device.</summary>
    public long FlushCount => Interlocked.Read(ref _flushCount);

    public override bool CanRead => _file.CanRead;

    public override bool CanSeek => _file.CanSeek;

    public override bool CanWrite => _file.CanWrite;

    public override long Length => _file.Length;

    public override long Position
    {
        get => _file.Position;
        set => _file.Position = value;
    }

    /// <summary>
    /// The log of this data file. LiteDB's automatic checkpoint runs inside Commit(), before the outbox fsyncs the
    /// log, and copies that commit's pages into the data file. A power cut then can leave part of a transaction in
    /// the data file and none of it in the log, with nothing to repair it from. So each write to the data file first
    /// fsyncs the log if it has writes not yet on the device (write-ahead rule); that costs one fsync per checkpoint.
    /// </summary>
    public DurableFileStream? WriteAheadLog { get; set; }

    /// <summary>
    /// Opens or creates <paramref name="path"/> for exclusive read and write. FileShare.None makes .NET take an
    /// advisory flock on Linux, so a second open of the same file fails while this one lives. A non-null
    /// <paramref name="openFile"/> opens it instead (tests); it must open the file the same way.
    /// </summary>
    public static DurableFileStream Open(string path, Func<string, FileStream>? openFile = null)
    {
        // bufferSize 0: LiteDB reads and writes whole 8 KiB pages, and an unbuffered stream keeps Flush() an fsync only.
        var file = openFile?.Invoke(path) ?? new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
        return new DurableFileStream(file);
    }

    public override void Flush()
    {
        _dirty = false;
        _file.Flush(flushToDisk: true);
        Interlocked.Increment(ref _flushCount);
    }

    public override int Read(byte[] buffer, int offset, int count) => _file.Read(buffer, offset, count);

    public override int Read(Span<byte> buffer) => _file.Read(buffer);

    public override long Seek(long offset, SeekOrigin origin) => _file.Seek(offset, origin);

    public override void SetLength(long value)
    {
        FlushWriteAheadLog();
        _dirty = true;
        _file.SetLength(value);
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        FlushWriteAheadLog();
        _dirty = true;
        _file.Write(buffer, offset, count);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        FlushWriteAheadLog();
        _dirty = true;
        _file.Write(buffer);
    }

    private void FlushWriteAheadLog()
    {
        if (WriteAheadLog is { _dirty: true } log)
        {
            lock (log)
            {
                log.Flush();
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _file.Dispose();
        }

        base.Dispose(disposing);
    }
}
