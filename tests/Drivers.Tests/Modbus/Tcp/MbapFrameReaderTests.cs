using SmartCampus.Edge.Drivers.Modbus.Protocol;
using SmartCampus.Edge.Drivers.Modbus.Tcp;
using SmartCampus.Edge.Drivers.Tests.Modbus.Support;

namespace SmartCampus.Edge.Drivers.Tests.Modbus.Tcp;

public class MbapFrameReaderTests
{
    // Reply to FC4, unit 1, two registers 0x0384 0xFFC9, transaction id 5.
    private const string Header = "00 05 00 00 00 07 01";
    private const string Pdu = "04 04 03 84 FF C9";

    private readonly ScriptedStream _stream = new();

    [Fact]
    public async Task ReadFrame_WholeFrame()
    {
        var reader = new MbapFrameReader(_stream);
        _stream.Feed(Header + Pdu);

        var frame = await reader.ReadFrameAsync(CancellationToken.None);

        Assert.Equal(5, frame.TransactionId);
        Assert.Equal(1, frame.UnitId);
        Assert.Equal(ScriptedStream.Hex(Pdu), frame.Pdu);
        Assert.Equal(0, reader.BufferedCount);
    }

    [Fact]
    public async Task ReadFrame_HeaderThenPdu()
    {
        var reader = new MbapFrameReader(_stream);
        _stream.Feed(Header);
        _stream.Feed(Pdu);

        var frame = await reader.ReadFrameAsync(CancellationToken.None);

        Assert.Equal(ScriptedStream.Hex(Pdu), frame.Pdu);
    }

    [Fact]
    public async Task ReadFrame_WaitsForLateLastByte()
    {
        var reader = new MbapFrameReader(_stream);
        _stream.Feed(Header + "04 04 03 84 FF");

        var reading = reader.ReadFrameAsync(CancellationToken.None).AsTask();
        await Task.Delay(50);
        Assert.False(reading.IsCompleted, "A frame with a byte missing was returned.");

        _stream.Feed("C9");
        var frame = await reading;

        Assert.Equal(ScriptedStream.Hex(Pdu), frame.Pdu);
    }

    [Fact]
    public async Task ReadFrame_OneByteAtATime()
    {
        var reader = new MbapFrameReader(_stream);
        foreach (var octet in ScriptedStream.Hex(Header + Pdu))
        {
            _stream.Feed([octet]);
        }

        var frame = await reader.ReadFrameAsync(CancellationToken.None);

        Assert.Equal(5, frame.TransactionId);
        Assert.Equal(ScriptedStream.Hex(Pdu), frame.Pdu);
    }

    [Fact]
    public async Task ReadFrame_TwoJoined()
    {
        var reader = new MbapFrameReader(_stream);
        _stream.Feed(Header + Pdu + "00 06 00 00 00 03 01 83 02");

        var first = await reader.ReadFrameAsync(CancellationToken.None);
        Assert.Equal(9, reader.BufferedCount);
        var second = await reader.ReadFrameAsync(CancellationToken.None);

        Assert.Equal(5, first.TransactionId);
        Assert.Equal(6, second.TransactionId);
        Assert.Equal(ScriptedStream.Hex("83 02"), second.Pdu);
        Assert.Equal(0, reader.BufferedCount);
    }

    [Fact]
    public async Task ReadFrame_KeepsStartOfNextFrame()
    {
        var reader = new MbapFrameReader(_stream);
        _stream.Feed(Header + Pdu + "00 06 00");

        var first = await reader.ReadFrameAsync(CancellationToken.None);
        Assert.Equal(3, reader.BufferedCount);

        _stream.Feed("00 00 03 01 83 02");
        var second = await reader.ReadFrameAsync(CancellationToken.None);

        Assert.Equal(5, first.TransactionId);
        Assert.Equal(6, second.TransactionId);
    }

    [Fact]
    public async Task ReadFrame_ManyFramesThroughBuffer()
    {
        // More bytes than the buffer's size pass through, so the buffer must compact without losing any.
        var reader = new MbapFrameReader(_stream);
        for (var id = 1; id <= 200; id++)
        {
            _stream.Feed($"{id:X4} 00 00 00 07 01 04 04 03 84 FF");
            _stream.Feed("C9");
        }

        for (var id = 1; id <= 200; id++)
        {
            var frame = await reader.ReadFrameAsync(CancellationToken.None);
            Assert.Equal(id, frame.TransactionId);
            Assert.Equal(ScriptedStream.Hex(Pdu), frame.Pdu);
        }
    }

    [Fact]
    public async Task ReadFrame_MaxLengthAccepted()
    {
        var reader = new MbapFrameReader(_stream);
        var pdu = new byte[253];
        pdu[0] = 0x03;
        _stream.Feed(ScriptedStream.Hex("00 01 00 00 00 FE 01"));
        _stream.Feed(pdu);

        var frame = await reader.ReadFrameAsync(CancellationToken.None);

        Assert.Equal(253, frame.Pdu.Length);
    }

    [Fact]
    public async Task ReadFrame_ProtocolIdNotZeroRejected()
    {
        var reader = new MbapFrameReader(_stream);
        _stream.Feed("00 05 00 01 00 07 01" + Pdu);

        var exception = await Assert.ThrowsAsync<MbapFramingException>(() => reader.ReadFrameAsync(CancellationToken.None).AsTask());

        Assert.Equal(ModbusProtocolError.InvalidProtocolId, exception.Error);
        Assert.Equal(1, exception.Value);
    }

    [Theory]
    [InlineData("00 00", 0)]
    [InlineData("00 01", 1)]
    [InlineData("00 FF", 255)]
    [InlineData("FF FF", 65535)]
    public async Task ReadFrame_LengthOutsideRangeRejected(string length, int value)
    {
        var reader = new MbapFrameReader(_stream);
        _stream.Feed("00 05 00 00 " + length + " 01" + Pdu);

        var exception = await Assert.ThrowsAsync<MbapFramingException>(() => reader.ReadFrameAsync(CancellationToken.None).AsTask());

        Assert.Equal(ModbusProtocolError.InvalidLength, exception.Error);
        Assert.Equal(value, exception.Value);
    }

    [Fact]
    public async Task ReadFrame_PeerClosesMidFrame()
    {
        var reader = new MbapFrameReader(_stream);
        _stream.Feed(Header + "04 04 03");
        _stream.CloseIncoming();

        await Assert.ThrowsAsync<EndOfStreamException>(() => reader.ReadFrameAsync(CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task ReadFrame_CancelKeepsPartialFrame()
    {
        var reader = new MbapFrameReader(_stream);
        _stream.Feed(Header + "04 04");
        using var cancel = new CancellationTokenSource();

        var reading = reader.ReadFrameAsync(cancel.Token).AsTask();
        await Task.Delay(20);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading);

        _stream.Feed("03 84 FF C9");
        var frame = await reader.ReadFrameAsync(CancellationToken.None);

        Assert.Equal(ScriptedStream.Hex(Pdu), frame.Pdu);
    }
}
