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

    // Log only: the manifest and what the next fsync adds to it. _syncedEnd is the end of the log that the
    // manifest covers; _appendedEnd is -1 until something is appended there, then the end of the appended bytes,
    // and _appendedCrc their checksum. _emptied marks a truncation to zero, _rewritten any other write or
    // truncation (never done by LiteDB 5.0.21, which only appends to its log and empties it).
    private LogManifest? _manifest;
    private long _syncedEnd;
    private long _appendedEnd = -1;
    private uint _appendedCrc;
    private bool _emptied;
    private bool _rewritten;

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

    /// <summary>
    /// Makes this the log described by <paramref name="manifest"/> (see <see cref="LogManifest"/>): from now on each
    /// fsync first adds the range written since the last one, and fsyncs the manifest too. Takes ownership of it.
    /// Call after <see cref="LogRepair"/>, so the manifest covers the whole log.
    /// </summary>
    public void AttachManifest(LogManifest manifest)
    {
        _manifest = manifest;
        _syncedEnd = _file.Length;
    }

    public override void Flush()
    {
        _dirty = false;
        UpdateManifest();
        _file.Flush(flushToDisk: true);
        _manifest?.Sync();
        Interlocked.Increment(ref _flushCount);
    }

    public override int Read(byte[] buffer, int offset, int count) => _file.Read(buffer, offset, count);

    public override int Read(Span<byte> buffer) => _file.Read(buffer);

    public override long Seek(long offset, SeekOrigin origin) => _file.Seek(offset, origin);

    public override void SetLength(long value)
    {
        FlushWriteAheadLog();
        _dirty = true;
        TrackSetLength(value);
        _file.SetLength(value);
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        FlushWriteAheadLog();
        _dirty = true;
        TrackWrite(buffer.AsSpan(offset, count));
        _file.Write(buffer, offset, count);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        FlushWriteAheadLog();
        _dirty = true;
        TrackWrite(buffer);
        _file.Write(buffer);
    }

    private void TrackWrite(ReadOnlySpan<byte> bytes)
    {
        if (_manifest is null || _rewritten)
        {
            return;
        }

        var position = _file.Position;
        if (position != (_appendedEnd < 0 ? _syncedEnd : _appendedEnd))
        {
            _rewritten = true;
            return;
        }

        _appendedCrc = LogChecksum.Append(_appendedEnd < 0 ? LogChecksum.Empty : _appendedCrc, bytes);
        _appendedEnd = position + bytes.Length;
    }

    private void TrackSetLength(long value)
    {
        if (_manifest is null)
        {
            return;
        }

        if (value == 0)
        {
            _emptied = true;
            _rewritten = false;
            _syncedEnd = 0;
            _appendedEnd = -1;
        }
        else if (value != (_appendedEnd < 0 ? _syncedEnd : _appendedEnd))
        {
            _rewritten = true;
        }
    }

    /// <summary>Adds to the manifest what the coming fsync makes durable; the caller fsyncs both files.</summary>
    private void UpdateManifest()
    {
        if (_manifest is null)
        {
            return;
        }

        if (_emptied && !_rewritten)
        {
            // LiteDB empties its log only after a checkpoint has fsynced the log's pages into the data file.
            _manifest.Truncate(0);
        }

        if (_rewritten)
        {
            // Describe the whole log as a new chain. Appended, not replacing, so the old entries stay valid until
            // this one is on the device.
            var position = _file.Position;
            var length = _file.Length;
            _manifest.Append(new LogRange(0, length, LogChecksum.Compute(_file, 0, length)));
            _file.Position = position;
            _syncedEnd = length;
        }
        else if (_appendedEnd >= 0)
        {
            _manifest.Append(new LogRange(_syncedEnd, _appendedEnd, _appendedCrc));
            _syncedEnd = _appendedEnd;
        }

        _emptied = false;
        _rewritten = false;
        _appendedEnd = -1;
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
            _manifest?.Dispose();
        }

        base.Dispose(disposing);
    }
}
