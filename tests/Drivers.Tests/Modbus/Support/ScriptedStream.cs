using System.Threading.Channels;

namespace SmartCampus.Edge.Drivers.Tests.Modbus.Support;

/// <summary>
/// In-memory stand-in for a TCP connection. Each <see cref="Feed(byte[])"/> arrives as its own read, as a TCP segment
/// does, so tests decide exactly how a reply is split or joined. Writes are recorded, one entry per write.
/// </summary>
public sealed class ScriptedStream : Stream
{
    private readonly Channel<byte[]> _incoming = Channel.CreateUnbounded<byte[]>();
    private readonly Channel<byte[]> _written = Channel.CreateUnbounded<byte[]>();
    private byte[] _pending = [];
    private int _pendingOffset;

    public bool IsDisposed { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public void Feed(byte[] segment) => _incoming.Writer.TryWrite(segment);

    /// <summary>Feeds bytes written as hex, spaces allowed: "00 01 00 00".</summary>
    public void Feed(string hex) => Feed(Hex(hex));

    /// <summary>Ends the incoming side: the next read returns 0, as when the peer closes.</summary>
    public void CloseIncoming() => _incoming.Writer.TryComplete();

    /// <summary>Waits for the next write the client made.</summary>
    public async Task<byte[]> NextWriteAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await _written.Reader.ReadAsync(timeout.Token);
    }

    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        if (_pendingOffset >= _pending.Length)
        {
            if (!await _incoming.Reader.WaitToReadAsync(cancellationToken))
            {
                return 0;
            }

            _pending = await _incoming.Reader.ReadAsync(cancellationToken);
            _pendingOffset = 0;
        }

        var count = Math.Min(buffer.Length, _pending.Length - _pendingOffset);
        _pending.AsMemory(_pendingOffset, count).CopyTo(buffer);
        _pendingOffset += count;
        return count;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        _written.Writer.TryWrite(buffer.ToArray());
        return ValueTask.CompletedTask;
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Use ReadAsync.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("Use WriteAsync.");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        IsDisposed = true;
        _incoming.Writer.TryComplete();
        base.Dispose(disposing);
    }
}
