using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Drivers.Serial;

namespace SmartCampus.Edge.Drivers.Modbus.Rtu;

/// <summary>
/// Cuts RTU reply frames out of a serial byte stream (Modbus over Serial Line v1.02 §2.5.1). A frame's length follows
/// from its function code and byte count, so a reply, an exception reply included, is returned as soon as its last
/// byte and a valid CRC are in. Silence is the other frame boundary: bytes that stop arriving before they make up a
/// frame are line noise and are dropped. Without a pause, the reader slides one byte at a time until a valid frame
/// starts (resync). Frames from another slave, with another function, and the echo of the request are skipped.
/// A reply of the right slave and function that is cut off, or fails its CRC, ends the read at the next silence with
/// <see cref="RtuDamagedReplyException"/>, so the caller can retry at once instead of waiting for the deadline.
/// </summary>
/// <remarks>
/// On a stream with timed reads (<see cref="ITimedReadStream"/>: the Linux serial port and the TCP tunnel) each wait is
/// one read with the silence as its timeout. Bytes that arrive after it are kept for the next read, and nothing is
/// allocated. On any other stream (System.IO.Ports) one read stays pending across calls and across silence timers, so
/// no byte is lost when a wait ends. The stream's own
/// cancellation support therefore does not matter there, which helps because System.IO.Ports on Linux ignores
/// cancellation in places.
/// </remarks>
internal sealed class RtuFrameReader
{
    /// <summary>Largest RTU frame: address, 253-byte PDU, CRC (§2.5.1).</summary>
    public const int MaxFrameLength = 256;

    private readonly Stream _stream;
    private readonly ITimedReadStream? _timedStream;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly string _portName;
    private readonly byte[] _chunk = new byte[MaxFrameLength];
    private readonly Task<int>?[] _completedReads = new Task<int>?[MaxFrameLength + 1];
    private readonly byte[] _buffer = new byte[4 * MaxFrameLength];

    /// <summary>PDU of the last reply, copied out of <see cref="_buffer"/> because consuming a frame shifts the buffer.</summary>
    private readonly byte[] _reply = new byte[MaxFrameLength];
    private int _replyLength;
    private int _count;
    private Task<int>? _pending;

    public RtuFrameReader(Stream stream, TimeProvider timeProvider, ILogger logger, string portName)
    {
        _stream = stream;
        _timedStream = stream as ITimedReadStream;
        _timeProvider = timeProvider;
        _logger = logger;
        _portName = portName;
    }

    /// <summary>Bytes of the current transaction dropped as noise or failed CRC. Reset by <see cref="ReadNextReplyAsync"/>.</summary>
    public int DiscardedBytes { get; private set; }

    /// <summary>Candidate frames of the current transaction whose CRC did not match.</summary>
    public int CrcErrors { get; private set; }

    /// <summary>Valid frames of the current transaction from another slave or with another function.</summary>
    public int ForeignFrames { get; private set; }

    /// <summary>
    /// True once the line echoed a request, as a two-wire adapter without echo suppression does. The bus sets it on a
    /// reopened port so the knowledge survives.
    /// </summary>
    public bool EchoSeen { get; set; }

    /// <summary>PDU of the reply <see cref="ReadNextReplyAsync"/> read last. The next read overwrites it.</summary>
    public ReadOnlySpan<byte> Reply => _reply.AsSpan(0, _replyLength);

    /// <summary>Time of the last byte received, from <see cref="TimeProvider.GetTimestamp"/>; 0 before the first.</summary>
    public long LastReceived { get; private set; }

    /// <summary>
    /// Reads the reply to <paramref name="request"/> (an RTU ADU: address, PDU, CRC) and returns its PDU. Throws
    /// <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> ends the wait,
    /// <see cref="EndOfStreamException"/> when the stream ends, and <see cref="RtuDamagedReplyException"/> when the line
    /// goes quiet for <paramref name="silence"/> after a damaged reply of the right slave and function.
    /// </summary>
    /// <param name="request">The frame just sent.</param>
    /// <param name="silence">Pause after which a partial frame counts as noise.</param>
    /// <param name="cancellationToken">Cancelled at the request's deadline or by the caller.</param>
    public async ValueTask<byte[]> ReadReplyAsync(ReadOnlyMemory<byte> request, TimeSpan silence, CancellationToken cancellationToken)
    {
        await ReadNextReplyAsync(request, silence, cancellationToken);
        return Reply.ToArray();
    }

    /// <summary>
    /// Reads the reply to <paramref name="request"/> as <see cref="ReadReplyAsync"/> does and leaves its PDU in
    /// <see cref="Reply"/> until the next read.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask ReadNextReplyAsync(ReadOnlyMemory<byte> request, TimeSpan silence, CancellationToken cancellationToken)
    {
        DiscardedBytes = 0;
        CrcErrors = 0;
        ForeignFrames = 0;
        var unitId = request.Span[0];
        var function = request.Span[1];

        // FC5 and FC6 replies equal their requests, so a copy of such a request is only skipped once the line is known to echo.
        var skipEcho = function is not (5 or 6) || EchoSeen;
        var damaged = false;
        while (true)
        {
            while (_count > 0)
            {
                if (skipEcho && TryMatchEcho(request.Span, out var complete))
                {
                    if (!complete)
                    {
                        break;
                    }

                    Consume(request.Length);
                    skipEcho = false;
                    if (!EchoSeen)
                    {
                        EchoSeen = true;
                        ModbusLog.RtuEchoDetected(_logger, _portName);
                    }

                    continue;
                }

                var length = FrameLength();
                if (length < 0)
                {
                    Drop(1);
                    continue;
                }

                if (length == 0 || _count < length)
                {
                    break; // wait for more bytes
                }

                var frame = _buffer.AsSpan(0, length);
                if (!ModbusCrc.IsValid(frame))
                {
                    CrcErrors++;
                    damaged |= IsReplyHeader(unitId, function);
                    Drop(1);
                    continue;
                }

                if (frame[0] != unitId || (frame[1] & 0x7F) != function)
                {
                    ForeignFrames++;
                    ModbusLog.RtuForeignFrame(_logger, _portName, frame[0], frame[1], unitId, function);
                    Consume(length);
                    continue;
                }

                frame[1..^2].CopyTo(_reply);
                _replyLength = length - 3;
                Consume(length);
                return;
            }

            // After a damaged reply only silence is awaited: a valid copy would follow at once or not at all.
            var wait = _count > 0 || damaged ? silence : Timeout.InfiniteTimeSpan;
            var received = await ReceiveAsync(wait, cancellationToken);
            if (received >= 0)
            {
                continue;
            }

            if (_count > 0)
            {
                // Noise can start like a frame of its own (00 20 40 01 reads as slave 64, FC1) and hide a reply cut
                // off behind it, so every position is checked, not only the first.
                damaged |= ContainsReplyHeader(unitId, function);
                ModbusLog.RtuNoiseDropped(_logger, _portName, _count);
                Drop(_count);
            }

            if (damaged)
            {
                ModbusLog.RtuDamagedReply(_logger, _portName, unitId, function, DiscardedBytes, CrcErrors);
                throw new RtuDamagedReplyException();
            }
        }
    }

    /// <summary>
    /// True when the buffer starts like a reply to the request: the slave's address, then its function or the
    /// exception form of it, or only the address so far.
    /// </summary>
    private bool IsReplyHeader(byte unitId, byte function) =>
        _count >= 1 && _buffer[0] == unitId && (_count == 1 || (_buffer[1] & 0x7F) == function);

    /// <summary>
    /// True when the buffer starts like a reply (<see cref="IsReplyHeader"/>) or contains the slave's address followed
    /// by its function further on. A lone address byte counts only at the start, because one noise byte in 256 equals it.
    /// </summary>
    private bool ContainsReplyHeader(byte unitId, byte function)
    {
        if (IsReplyHeader(unitId, function))
        {
            return true;
        }

        for (var i = 1; i < _count - 1; i++)
        {
            if (_buffer[i] == unitId && (_buffer[i + 1] & 0x7F) == function)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Drops buffered bytes and any that already arrived, before a new request goes out.</summary>
    public void DiscardInput()
    {
        DiscardedBytes += _count;
        _count = 0;
        if (_timedStream is not null)
        {
            _timedStream.DiscardInput();
            return;
        }

        while (_pending is { IsCompleted: true } done)
        {
            _pending = null;
            if (done.IsCompletedSuccessfully && done.Result > 0)
            {
                StartRead();
            }
            else
            {
                // A failed or ended read is kept, so the next receive reports it.
                _pending = done;
                return;
            }
        }
    }

    /// <summary>
    /// Waits until the line has been quiet for <paramref name="silence"/>, dropping what arrives, for at most
    /// <paramref name="limit"/>. Used after an error so that the tail of a bad reply cannot open the next reply.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask AwaitSilenceAsync(TimeSpan silence, TimeSpan limit, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        DiscardInput();
        while (_timeProvider.GetElapsedTime(started) < limit)
        {
            var received = await ReceiveAsync(silence, cancellationToken);
            if (received < 0)
            {
                return;
            }

            DiscardInput();
        }
    }

    /// <summary>
    /// Frame length implied by the buffered header: positive when known, 0 when more bytes are needed, negative when
    /// the first byte cannot start a reply.
    /// </summary>
    private int FrameLength()
    {
        if (_count < 2)
        {
            return 0;
        }

        var address = _buffer[0];
        var function = _buffer[1];
        if (address is 0 or > 247)
        {
            return -1; // 0 is broadcast, which gets no reply, and 248..255 are reserved (§2.2)
        }

        if ((function & 0x80) != 0)
        {
            return 5; // address, function | 0x80, exception code, CRC
        }

        switch (function)
        {
            case 1 or 2 or 3 or 4 or 0x17:
                if (_count < 3)
                {
                    return 0;
                }

                var length = 5 + _buffer[2];
                return _buffer[2] == 0 ? -1 : length;
            case 5 or 6 or 15 or 16:
                return 8;
            case 0x2B:
                return DeviceIdFrameLength();
            default:
                return -1;
        }
    }

    /// <summary>
    /// Length of an FC43/14 reply: address, function, MEI type, read code, conformity, more follows, next object id,
    /// object count, then per object its id, length and value, then the CRC (§6.21). The objects' lengths are walked
    /// as they arrive, so the result is 0 until every length byte is in.
    /// </summary>
    private int DeviceIdFrameLength()
    {
        const int headerLength = 8;
        if (_count < headerLength)
        {
            return 0;
        }

        if (_buffer[2] != 0x0E)
        {
            return -1;
        }

        var offset = headerLength;
        for (var i = 0; i < _buffer[7]; i++)
        {
            if (offset + 2 > _count)
            {
                return 0;
            }

            offset += 2 + _buffer[offset + 1];
            if (offset + 2 > MaxFrameLength)
            {
                return -1;
            }
        }

        return offset + 2;
    }

    /// <summary>True when the buffer starts with the request; <paramref name="complete"/> is true when all of it is in.</summary>
    private bool TryMatchEcho(ReadOnlySpan<byte> request, out bool complete)
    {
        var available = Math.Min(_count, request.Length);
        complete = available == request.Length;
        return _buffer.AsSpan(0, available).SequenceEqual(request[..available]);
    }

    /// <summary>Waits for bytes: the count appended, or -1 when <paramref name="silence"/> passed without any.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> ReceiveAsync(TimeSpan silence, CancellationToken cancellationToken)
    {
        if (_timedStream is not null)
        {
            // The stream times the wait itself and keeps later bytes for the next read, so no task is made for the wait.
            var timedRead = await _timedStream.ReadAsync(_chunk, silence, cancellationToken);
            return timedRead < 0 ? -1 : Received(timedRead);
        }

        if (_pending is null)
        {
            StartRead();
        }

        var pending = _pending!;
        try
        {
            if (silence == Timeout.InfiniteTimeSpan)
            {
                await pending.WaitAsync(cancellationToken);
            }
            else
            {
                await pending.WaitAsync(silence, _timeProvider, cancellationToken);
            }
        }
        catch (TimeoutException)
        {
            return -1;
        }

        _pending = null;
        return Received(await pending);
    }

    /// <summary>Appends the <paramref name="read"/> bytes of <see cref="_chunk"/>; 0 bytes means the stream ended.</summary>
    private int Received(int read)
    {
        if (read == 0)
        {
            throw new EndOfStreamException("The serial line or tunnel closed.");
        }

        LastReceived = _timeProvider.GetTimestamp();
        Append(_chunk.AsSpan(0, read));
        return read;
    }

    /// <summary>
    /// Starts the next read. It is kept as a task because it must outlive a silence timeout, and
    /// <see cref="Task.WaitAsync(TimeSpan, TimeProvider, CancellationToken)"/> needs one.
    /// </summary>
    /// <remarks>
    /// NOTE: On this path a read that has to wait for bytes allocates its task (System.IO.Ports' serial stream creates
    /// one per read, and a socket's pending read is wrapped in one), and waiting on it with a timeout allocates another.
    /// Only a read that completes at once, with bytes already buffered, reuses a cached task. The Linux serial port and
    /// the TCP tunnel take the timed path in <see cref="ReceiveAsync"/> instead and allocate nothing, but System.IO.Ports
    /// still pays this.
    /// </remarks>
    private void StartRead()
    {
        var read = _stream.ReadAsync(_chunk, CancellationToken.None);
        _pending = read.IsCompletedSuccessfully ? CompletedRead(read.Result) : read.AsTask();
    }

    /// <summary>A completed task per byte count, made once, so a read that completes at once allocates nothing.</summary>
    private Task<int> CompletedRead(int count) => _completedReads[count] ??= Task.FromResult(count);

    private void Append(ReadOnlySpan<byte> bytes)
    {
        var overflow = _count + bytes.Length - _buffer.Length;
        if (overflow > 0)
        {
            Drop(overflow); // a stream of noise longer than any frame: keep only the newest bytes
        }

        bytes.CopyTo(_buffer.AsSpan(_count));
        _count += bytes.Length;
    }

    private void Drop(int bytes)
    {
        DiscardedBytes += bytes;
        Consume(bytes);
    }

    private void Consume(int bytes)
    {
        Buffer.BlockCopy(_buffer, bytes, _buffer, 0, _count - bytes);
        _count -= bytes;
    }
}
