using SmartCampus.Edge.Drivers.Serial;

namespace SmartCampus.Edge.Drivers.Tests.Modbus.Support;

/// <summary>
/// Wraps the client's end of a serial line and damages the first reply that comes in, as a loose RS485 terminal or a
/// noisy cable does: it either passes the first <c>keep</c> bytes and swallows the rest of the reply (cut off), or flips
/// one bit of byte <c>keep</c> (CRC failure). Every later byte passes unchanged. Writes go straight through. The line is
/// a stream with timed reads (<see cref="LinuxSerialStream"/> or the TCP tunnel's stream), which the frame reader uses,
/// so the wrapper passes those on too.
/// </summary>
internal sealed class ReplyDamagingStream : Stream, ITimedReadStream
{
    private readonly Stream _inner;
    private readonly ITimedReadStream _timedInner;
    private readonly int _keep;
    private readonly int _replyLength;
    private readonly bool _cut;
    private long _received;

    private ReplyDamagingStream(Stream inner, int keep, int replyLength, bool cut)
    {
        _inner = inner;
        _timedInner = inner as ITimedReadStream
            ?? throw new ArgumentException($"The line must have timed reads, and a {inner.GetType().Name} has none.", nameof(inner));
        _keep = keep;
        _replyLength = replyLength;
        _cut = cut;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Passes <paramref name="keep"/> bytes of the first reply and swallows the rest of its <paramref name="replyLength"/>.</summary>
    public static ReplyDamagingStream CutFirstReply(Stream inner, int keep, int replyLength) => new(inner, keep, replyLength, cut: true);

    /// <summary>Flips the lowest bit of byte <paramref name="index"/> of the first reply.</summary>
    public static ReplyDamagingStream CorruptFirstReply(Stream inner, int index) => new(inner, index, index + 1, cut: false);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var read = await _inner.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                return 0;
            }

            var kept = Damage(buffer.Span[..read]);
            if (kept > 0)
            {
                return kept;
            }
        }
    }

    public async ValueTask<int> ReadAsync(Memory<byte> buffer, TimeSpan timeout, CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await _timedInner.ReadAsync(buffer, timeout, cancellationToken);
            if (read <= 0)
            {
                return read;
            }

            var kept = Damage(buffer.Span[..read]);
            if (kept > 0)
            {
                return kept;
            }
        }
    }

    public void DiscardInput() => _timedInner.DiscardInput();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Use ReadAsync.");

    public override void Write(byte[] buffer, int offset, int count) => _inner.Write(buffer, offset, count);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        _inner.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Flush() => _inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Applies the damage to freshly read bytes in place and returns how many remain.</summary>
    private int Damage(Span<byte> bytes)
    {
        var kept = 0;
        foreach (var value in bytes)
        {
            var index = _received++;
            if (index < _keep || index >= _replyLength)
            {
                bytes[kept++] = value;
            }
            else if (!_cut)
            {
                bytes[kept++] = (byte)(value ^ 0x01);
            }
        }

        return kept;
    }
}
