using System.Buffers.Binary;
using System.Diagnostics;
using SmartCampus.Edge.Drivers.Modbus.Rtu;

namespace SmartCampus.Edge.Benchmarks.Modbus;

/// <summary>
/// An RS485 line with RTU slaves 1..<c>slaveCount</c>, as the stream the gateway's bus writes to and reads from.
/// Every byte takes its wire time (start, data, parity and stop bits at the baud rate) and the line carries one byte
/// at a time in either direction. A slave replies to FC3 once the request's last byte has arrived and the 3.5-character
/// silence that ends a frame has passed, with registers 0..n set to their address; other unit ids stay silent.
/// </summary>
internal sealed class PacedRtuLine : Stream
{
    private readonly double _ticksPerByte;
    private readonly double _silenceTicks;
    private readonly int _slaveCount;
    private readonly Queue<(long ReleaseAt, byte Value)> _toGateway = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly Lock _lock = new();
    private long _lineFreeAt;

    /// <summary>Time the last reply's last byte arrives, as a <see cref="Stopwatch"/> timestamp; 0 while no reply is due.</summary>
    private long _replyEndAt;

    private long _silenceTicksTotal;

    public PacedRtuLine(int baudRate, int bitsPerCharacter, int slaveCount)
    {
        _ticksPerByte = (double)Stopwatch.Frequency * bitsPerCharacter / baudRate;
        _silenceTicks = 3.5 * _ticksPerByte;
        _slaveCount = slaveCount;
    }

    /// <summary>Bytes written by the gateway so far.</summary>
    public long RequestBytes { get; private set; }

    /// <summary>Bytes the slaves sent so far.</summary>
    public long ReplyBytes { get; private set; }

    /// <summary>Requests written after a reply, whose silence before them was measured.</summary>
    public int SilencesMeasured { get; private set; }

    /// <summary>Requests written less than 3.5 characters after the last byte of the reply before them.</summary>
    public int ShortSilences { get; private set; }

    /// <summary>Mean silence between the last byte of a reply and the next request, in milliseconds.</summary>
    public double MeanSilenceMilliseconds =>
        SilencesMeasured == 0 ? 0 : 1000.0 * _silenceTicksTotal / SilencesMeasured / Stopwatch.Frequency;

    /// <summary>Clears the silence counts, for instance after a warm-up.</summary>
    public void ResetSilences()
    {
        lock (_lock)
        {
            SilencesMeasured = 0;
            ShortSilences = 0;
            _silenceTicksTotal = 0;
        }
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

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        lock (_lock)
        {
            RequestBytes += buffer.Length;
            var now = Stopwatch.GetTimestamp();
            CountSilence(now);
            var start = Math.Max(now, _lineFreeAt);
            var requestEnd = start + (long)(buffer.Length * _ticksPerByte);
            _lineFreeAt = requestEnd;

            var reply = ReplyTo(buffer);
            if (reply is null)
            {
                return;
            }

            var replyStart = requestEnd + (long)_silenceTicks;
            for (var i = 0; i < reply.Length; i++)
            {
                _toGateway.Enqueue((replyStart + (long)((i + 1) * _ticksPerByte), reply[i]));
            }

            ReplyBytes += reply.Length;
            _lineFreeAt = replyStart + (long)(reply.Length * _ticksPerByte);
            _replyEndAt = _lineFreeAt;
        }

        _arrived.Release();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    /// <summary>Returns the bytes whose last bit has arrived, waiting for the next one when none has.</summary>
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            long next;
            lock (_lock)
            {
                var now = Stopwatch.GetTimestamp();
                var count = 0;
                while (count < buffer.Length && _toGateway.TryPeek(out var item) && item.ReleaseAt <= now)
                {
                    buffer.Span[count++] = _toGateway.Dequeue().Value;
                }

                if (count > 0)
                {
                    return count;
                }

                next = _toGateway.TryPeek(out var first) ? first.ReleaseAt : long.MaxValue;
            }

            if (next == long.MaxValue)
            {
                await _arrived.WaitAsync(cancellationToken);
                continue;
            }

            await WaitUntilAsync(next, cancellationToken);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Counts the silence since the last reply's last byte, when a reply was due before this request.</summary>
    private void CountSilence(long now)
    {
        if (_replyEndAt == 0)
        {
            return;
        }

        var silence = now - _replyEndAt;
        _replyEndAt = 0;
        SilencesMeasured++;
        _silenceTicksTotal += silence;
        if (silence < _silenceTicks)
        {
            ShortSilences++;
        }
    }

    /// <summary>Sleeps for most of the wait and yields for the last 2 ms, since timers fire only to about a millisecond.</summary>
    private static async Task WaitUntilAsync(long timestamp, CancellationToken cancellationToken)
    {
        var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        if (remaining > TimeSpan.FromMilliseconds(3))
        {
            await Task.Delay(remaining - TimeSpan.FromMilliseconds(2), cancellationToken);
        }

        while (Stopwatch.GetTimestamp() < timestamp)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
        }
    }

    /// <summary>Returns the FC3 reply of a slave on the line, or null when no slave replies to the frame.</summary>
    private byte[]? ReplyTo(ReadOnlySpan<byte> request)
    {
        if (request.Length != 8 || !ModbusCrc.IsValid(request) || request[1] != 3 || request[0] < 1 || request[0] > _slaveCount)
        {
            return null;
        }

        var address = BinaryPrimitives.ReadUInt16BigEndian(request[2..]);
        var quantity = BinaryPrimitives.ReadUInt16BigEndian(request[4..]);
        var reply = new byte[5 + (2 * quantity)];
        reply[0] = request[0];
        reply[1] = 3;
        reply[2] = (byte)(2 * quantity);
        for (var i = 0; i < quantity; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(reply.AsSpan(3 + (2 * i)), (ushort)(address + i));
        }

        ModbusCrc.Write(reply.AsSpan(0, reply.Length - 2), reply.AsSpan(reply.Length - 2));
        return reply;
    }
}
