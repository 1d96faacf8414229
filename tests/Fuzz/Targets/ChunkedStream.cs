namespace SmartCampus.Edge.Fuzz.Targets;

/// <summary>
/// A read-only stream over fixed bytes that hands them out in small reads of varying size, the way TCP and a serial
/// port split a message, so the frame readers' buffering and resync paths run too.
/// </summary>
public sealed class ChunkedStream : Stream
{
    private readonly byte[] _data;
    private int _position;
    private int _reads;

    public ChunkedStream(byte[] data)
    {
        _data = data;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => _data.Length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        // Read sizes cycle 1, 2, 3, 7, 64 bytes; the same input always splits the same way.
        int[] sizes = [1, 2, 3, 7, 64];
        var size = Math.Min(Math.Min(buffer.Length, sizes[_reads++ % sizes.Length]), _data.Length - _position);
        _data.AsSpan(_position, size).CopyTo(buffer);
        _position += size;
        return size;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
