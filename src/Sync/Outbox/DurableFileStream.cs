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
    /// Opens or creates <paramref name="path"/> for exclusive read and write. FileShare.None makes .NET take an
    /// advisory flock on Linux, so a second open of the same file fails while this one lives.
    /// </summary>
    public static DurableFileStream Open(string path)
    {
        // bufferSize 0: LiteDB reads and writes whole 8 KiB pages, and an unbuffered stream keeps Flush() an fsync only.
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
        return new DurableFileStream(file);
    }

    public override void Flush()
    {
        _file.Flush(flushToDisk: true);
        Interlocked.Increment(ref _flushCount);
    }

    public override int Read(byte[] buffer, int offset, int count) => _file.Read(buffer, offset, count);

    public override int Read(Span<byte> buffer) => _file.Read(buffer);

    public override long Seek(long offset, SeekOrigin origin) => _file.Seek(offset, origin);

    public override void SetLength(long value) => _file.SetLength(value);

    public override void Write(byte[] buffer, int offset, int count) => _file.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => _file.Write(buffer);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _file.Dispose();
        }

        base.Dispose(disposing);
    }
}
