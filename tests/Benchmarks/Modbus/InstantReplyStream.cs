using SmartCampus.Edge.Drivers.Modbus.Rtu;

namespace SmartCampus.Edge.Benchmarks.Modbus;

/// <summary>
/// An in-process Modbus peer for allocation measurements: every request written to it is answered at once with the
/// same FC3 reply of <c>registers</c> registers, as MBAP (with the request's transaction id) or as RTU (with CRC). It
/// allocates nothing per request, so what a measurement counts is the client's own allocation.
/// </summary>
internal sealed class InstantReplyStream : Stream
{
    private readonly bool _rtu;
    private readonly byte[] _reply;
    private int _offset;
    private int _remaining;

    public InstantReplyStream(bool rtu, byte unitId, int registers)
    {
        _rtu = rtu;
        var pdu = new byte[2 + (2 * registers)];
        pdu[0] = 3;
        pdu[1] = (byte)(2 * registers);
        for (var i = 0; i < registers; i++)
        {
            pdu[3 + (2 * i)] = (byte)(100 + i);
        }

        if (rtu)
        {
            _reply = ModbusRtuBus.BuildAdu(unitId, pdu);
            return;
        }

        _reply = new byte[7 + pdu.Length];
        _reply[5] = (byte)(pdu.Length + 1);
        _reply[6] = unitId;
        pdu.CopyTo(_reply, 7);
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

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!_rtu)
        {
            buffer.Span[..2].CopyTo(_reply); // the transaction id
        }

        _offset = 0;
        _remaining = _reply.Length;
        return ValueTask.CompletedTask;
    }

    /// <summary>Returns the pending reply. The clients read only after a request, so a read with nothing pending is a bug.</summary>
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_remaining == 0)
        {
            throw new InvalidOperationException("Read with no reply pending: the measured client reads before it writes.");
        }

        var count = Math.Min(buffer.Length, _remaining);
        _reply.AsSpan(_offset, count).CopyTo(buffer.Span);
        _offset += count;
        _remaining -= count;
        return ValueTask.FromResult(count);
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Use ReadAsync.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("Use WriteAsync.");

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
