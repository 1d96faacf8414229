namespace SmartCampus.Edge.Reliability.Tests.PowerCut;

/// <summary>
/// A data or log file of the outbox on a <see cref="SimulatedDisk"/>. Reads and writes go to the real file, which
/// plays the page cache. Beside it the stream keeps the file as it is on the disk (the content at the last fsync)
/// and the writes and truncations made since. <c>Flush(true)</c> is the fsync: only it moves them onto the disk copy.
/// </summary>
internal sealed class VolatileFile : FileStream
{
    private const int SectorBytes = 512;
    private const int PageBytes = 4096;

    private readonly SimulatedDisk _disk;
    private readonly List<(long Offset, byte[]? Bytes, long Length)> _pending = [];
    private byte[] _durable;

    private VolatileFile(SimulatedDisk disk, string path, byte[] durable)
        : base(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 0)
    {
        _disk = disk;
        _durable = durable;
        OpenPath = path;
    }

    public string OpenPath { get; }

    /// <summary>Set when the stream was closed before the cut; it then needs no restoring.</summary>
    public bool ClosedBeforeCut { get; private set; }

    /// <summary>Writes and truncations not yet fsynced when the stream was closed before the cut (should be 0).</summary>
    public int UnflushedAtClose { get; private set; }

    public int PendingCount
    {
        get
        {
            lock (_pending)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Opens <paramref name="path"/>; its current content is taken as already on the disk.</summary>
    public static VolatileFile Open(SimulatedDisk disk, string path) =>
        new(disk, path, File.Exists(path) ? File.ReadAllBytes(path) : []);

    // FileStream sends a derived class's span writes to Write(byte[], int, int), so that overload does the work.
    public override void Write(byte[] buffer, int offset, int count)
    {
        _disk.BeforeOperation("write", OpenPath);
        lock (_pending)
        {
            _pending.Add((Position, buffer.AsSpan(offset, count).ToArray(), 0));
        }

        base.Write(buffer, offset, count);
    }

    public override void Write(ReadOnlySpan<byte> buffer) => Write(buffer.ToArray(), 0, buffer.Length);

    public override void WriteByte(byte value) => Write([value], 0, 1);

    public override void SetLength(long value)
    {
        _disk.BeforeOperation("truncate", OpenPath);
        lock (_pending)
        {
            _pending.Add((0, null, value));
        }

        base.SetLength(value);
    }

    public override void Flush(bool flushToDisk)
    {
        // With no buffer a plain flush moves nothing; only the fsync counts as an operation of the disk.
        if (!flushToDisk)
        {
            return;
        }

        _disk.BeforeOperation("fsync", OpenPath);
        lock (_pending)
        {
            foreach (var operation in _pending)
            {
                Apply(ref _durable, operation.Offset, operation.Bytes, operation.Length);
            }

            _pending.Clear();
        }
    }

    public override void Flush() => Flush(flushToDisk: false);

    /// <summary>
    /// Writes to <paramref name="target"/> what the disk contains after the cut: the fsynced content and, by
    /// <paramref name="mode"/>, part of what was pending. Returns the pending operations that reached the disk.
    /// </summary>
    public int RestoreTo(string target, CutMode mode, Random random)
    {
        var image = (byte[])_durable.Clone();
        var kept = 0;
        if (mode == CutMode.Scatter && Path.GetFileName(OpenPath).Contains("-log", StringComparison.Ordinal))
        {
            mode = CutMode.TornTail;
        }
        else if (mode == CutMode.ScatterLog)
        {
            mode = CutMode.Scatter;
        }

        lock (_pending)
        {
            var prefix = mode == CutMode.TornTail ? random.Next(_pending.Count + 1) : 0;
            for (var index = 0; index < _pending.Count; index++)
            {
                var (offset, bytes, length) = _pending[index];
                switch (mode)
                {
                    case CutMode.TornTail when index < prefix:
                        Apply(ref image, offset, bytes, length);
                        kept++;
                        break;
                    case CutMode.TornTail when index == prefix && bytes is not null:
                        // The sectors up to a random point of this write reached the disk, the rest did not.
                        var sectors = random.Next((bytes.Length + SectorBytes - 1) / SectorBytes);
                        Apply(ref image, offset, bytes[..Math.Min(bytes.Length, sectors * SectorBytes)], 0);
                        break;
                    case CutMode.Scatter when bytes is null:
                        // A truncation is a change of the file's metadata. If it did not reach the journal, the writes
                        // after it went to blocks the file on the disk does not own (ext4 does not reuse freed blocks
                        // before the commit), so none of them is seen.
                        if (random.Next(2) != 0)
                        {
                            File.WriteAllBytes(target, image);
                            return kept;
                        }

                        Apply(ref image, offset, bytes, length);
                        kept++;
                        break;
                    case CutMode.Scatter:
                        kept += ScatterPages(ref image, offset, bytes, random);
                        break;
                }
            }
        }

        File.WriteAllBytes(target, image);
        return kept;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disk.IsCut)
        {
            ClosedBeforeCut = true;
            UnflushedAtClose = PendingCount;
        }

        base.Dispose(disposing);
    }

    /// <summary>Applies each 4 KiB page of the write (aligned in the file) with probability 1/2; returns how many were.</summary>
    private static int ScatterPages(ref byte[] image, long offset, byte[] bytes, Random random)
    {
        var applied = 0;
        var start = 0;
        while (start < bytes.Length)
        {
            var pageEnd = (int)Math.Min(bytes.Length, ((offset + start) / PageBytes + 1) * PageBytes - offset);
            if (random.Next(2) == 0)
            {
                Apply(ref image, offset + start, bytes[start..pageEnd], 0);
                applied++;
            }

            start = pageEnd;
        }

        return applied;
    }

    /// <summary>
    /// A write when <paramref name="bytes"/> is set, otherwise a truncation or extension to <paramref name="length"/>.
    /// Changes <paramref name="image"/> in place and replaces it only when its length changes.
    /// </summary>
    private static void Apply(ref byte[] image, long offset, byte[]? bytes, long length)
    {
        if (bytes is null)
        {
            if (length != image.Length)
            {
                Array.Resize(ref image, (int)length);
            }

            return;
        }

        if (offset + bytes.Length > image.Length)
        {
            Array.Resize(ref image, (int)(offset + bytes.Length));
        }

        bytes.CopyTo(image, offset);
    }
}
