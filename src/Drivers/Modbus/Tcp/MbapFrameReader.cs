using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using SmartCampus.Edge.Drivers.Modbus.Protocol;

namespace SmartCampus.Edge.Drivers.Modbus.Tcp;

/// <summary>
/// Cuts MBAP frames out of a TCP byte stream. TCP keeps no message boundaries: a frame may arrive in several reads
/// and one read may hold the end of one frame and the start of the next. Bytes after a frame stay buffered for the
/// next call. A frame is returned only when all bytes its length field announces have arrived, and nothing is padded.
/// </summary>
internal sealed class MbapFrameReader
{
    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[2 * Mbap.MaxAduLength];
    private int _start;
    private int _count;
    private int _pduStart;
    private int _pduLength;

    public MbapFrameReader(Stream stream)
    {
        _stream = stream;
    }

    /// <summary>Bytes received but not yet returned as part of a frame.</summary>
    public int BufferedCount => _count;

    /// <summary>PDU of the frame <see cref="ReadHeaderAsync"/> returned last. The next read overwrites it.</summary>
    public ReadOnlySpan<byte> Pdu => _buffer.AsSpan(_pduStart, _pduLength);

    /// <summary>Reads the next frame, as <see cref="ReadHeaderAsync"/> does, and returns it with a copy of its PDU.</summary>
    public async ValueTask<MbapFrame> ReadFrameAsync(CancellationToken cancellationToken)
    {
        var header = await ReadHeaderAsync(cancellationToken);
        return new MbapFrame(header.TransactionId, header.UnitId, Pdu.ToArray());
    }

    /// <summary>
    /// Reads the next frame and returns its header, and its PDU stays in <see cref="Pdu"/> until the next read. Throws <see cref="MbapFramingException"/> for a protocol id other than 0 or a length
    /// outside 2..254, and <see cref="EndOfStreamException"/> when the peer closes the connection. Cancellation
    /// leaves any partial frame buffered, so a later call continues where this one stopped.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<MbapFrameHeader> ReadHeaderAsync(CancellationToken cancellationToken)
    {
        await FillAsync(Mbap.PrefixLength, cancellationToken);

        var header = _buffer.AsSpan(_start, Mbap.PrefixLength);
        var protocolId = BinaryPrimitives.ReadUInt16BigEndian(header[2..]);
        if (protocolId != 0)
        {
            throw new MbapFramingException(ModbusProtocolError.InvalidProtocolId, protocolId);
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(header[4..]);
        if (length is < Mbap.MinLength or > Mbap.MaxLength)
        {
            throw new MbapFramingException(ModbusProtocolError.InvalidLength, length);
        }

        var frameLength = Mbap.PrefixLength + length;
        await FillAsync(frameLength, cancellationToken);

        var frame = _buffer.AsSpan(_start, frameLength);
        var transactionId = BinaryPrimitives.ReadUInt16BigEndian(frame);
        var unitId = frame[Mbap.PrefixLength];
        _pduStart = _start + Mbap.HeaderLength;
        _pduLength = frameLength - Mbap.HeaderLength;

        // The frame's bytes stay where they are until the next read moves the buffer's tail to its start.
        _start += frameLength;
        _count -= frameLength;
        return new MbapFrameHeader(transactionId, unitId);
    }

    /// <summary>Reads until at least <paramref name="needed"/> bytes are buffered.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask FillAsync(int needed, CancellationToken cancellationToken)
    {
        while (_count < needed)
        {
            if (_start + needed > _buffer.Length)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _count);
                _start = 0;
            }

            var free = _buffer.AsMemory(_start + _count);
            var read = await _stream.ReadAsync(free, cancellationToken);
            if (read == 0)
            {
                throw new EndOfStreamException("The device closed the connection.");
            }

            _count += read;
        }
    }
}
