using SmartCampus.Edge.Drivers.Modbus.Rtu;
using SmartCampus.Edge.Drivers.Tests.Modbus.Support;

namespace SmartCampus.Edge.Drivers.Tests.Modbus.Rtu;

public sealed class ModbusCrcTests
{
    [Theory]
    [InlineData("01 03 00 00 00 0A", 0xCDC5)]
    [InlineData("0A 01 04 A1 00 01", 0x63AC)]
    [InlineData("0A 81 02", 0x53B0)]
    [InlineData("01 03 40 00 00 0B", 0xCD11)]
    public void Compute_KnownFrames(string hex, int expected)
    {
        Assert.Equal((ushort)expected, ModbusCrc.Compute(ScriptedStream.Hex(hex)));
    }

    [Fact]
    public void IsValid_RejectsOneFlippedBit()
    {
        var frame = ScriptedStream.Hex("01 03 02 00 2A 39 9B");
        Assert.True(ModbusCrc.IsValid(frame));

        for (var bit = 0; bit < frame.Length * 8; bit++)
        {
            var copy = frame.ToArray();
            copy[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(ModbusCrc.IsValid(copy), $"bit {bit}");
        }
    }

    [Fact]
    public void BuildAdu_AppendsCrcLowByteFirst()
    {
        var adu = ModbusRtuBus.BuildAdu(0x0A, ScriptedStream.Hex("01 04 A1 00 01"));
        Assert.Equal("0A0104A10001AC63", Convert.ToHexString(adu));
    }

    [Theory]
    [InlineData(9600, 3645)] // 3.5 characters × 10 bits (8N1) / 9600 baud
    [InlineData(19200, 1822)]
    [InlineData(38400, 1750)]
    [InlineData(115200, 1750)]
    public void FrameSilence_FollowsBaudRate(int baud, int expectedMicroseconds)
    {
        var silence = RtuTiming.FrameSilence(baud, 8, System.IO.Ports.Parity.None, System.IO.Ports.StopBits.One);
        Assert.Equal(expectedMicroseconds, (int)silence.TotalMicroseconds);
    }
}
