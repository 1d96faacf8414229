using SmartCampus.Edge.Drivers.Modbus.Decoding;

namespace SmartCampus.Edge.Drivers.Tests.Modbus.Decoding;

public class ModbusValueCodecTests
{
    // 123456.0f is 0x47F12000; each order puts its bytes A=47 B=F1 C=20 D=00 in different registers.
    [Theory]
    [InlineData(ModbusWordOrder.ABCD, 0x47F1, 0x2000)]
    [InlineData(ModbusWordOrder.CDAB, 0x2000, 0x47F1)]
    [InlineData(ModbusWordOrder.BADC, 0xF147, 0x0020)]
    [InlineData(ModbusWordOrder.DCBA, 0x0020, 0xF147)]
    public void Decode_Float32PerOrder(ModbusWordOrder order, int first, int second)
    {
        ushort[] registers = [(ushort)first, (ushort)second];

        var value = ModbusValueCodec.Decode(registers, ModbusDataType.Float32, order);

        Assert.Equal(123456.0, value);
    }

    [Fact]
    public void Decode_Float32CdabSensorReading()
    {
        var value = ModbusValueCodec.Decode([0x077A, 0x429B], ModbusDataType.Float32, ModbusWordOrder.CDAB);

        // 0x429B077A is 77.51460266113281 as float32.
        Assert.Equal(77.5146, value, 0.0001);
        Assert.Equal((double)BitConverter.Int32BitsToSingle(0x429B077A), value);
    }

    [Theory]
    [InlineData(ModbusDataType.Int16, ModbusWordOrder.ABCD, new[] { 0xFF85 }, -123.0)]
    [InlineData(ModbusDataType.Int16, ModbusWordOrder.BADC, new[] { 0x85FF }, -123.0)]
    [InlineData(ModbusDataType.UInt16, ModbusWordOrder.ABCD, new[] { 0xFF85 }, 65413.0)]
    [InlineData(ModbusDataType.UInt16, ModbusWordOrder.DCBA, new[] { 0x85FF }, 65413.0)]
    [InlineData(ModbusDataType.UInt16, ModbusWordOrder.CDAB, new[] { 0x0384 }, 900.0)]

    // -123456 is 0xFFFE1DC0.
    [InlineData(ModbusDataType.Int32, ModbusWordOrder.ABCD, new[] { 0xFFFE, 0x1DC0 }, -123456.0)]
    [InlineData(ModbusDataType.Int32, ModbusWordOrder.CDAB, new[] { 0x1DC0, 0xFFFE }, -123456.0)]
    [InlineData(ModbusDataType.Int32, ModbusWordOrder.BADC, new[] { 0xFEFF, 0xC01D }, -123456.0)]
    [InlineData(ModbusDataType.Int32, ModbusWordOrder.DCBA, new[] { 0xC01D, 0xFEFF }, -123456.0)]

    // 3000000000 is 0xB2D05E00: above int.MaxValue, so a signed read would be negative.
    [InlineData(ModbusDataType.UInt32, ModbusWordOrder.ABCD, new[] { 0xB2D0, 0x5E00 }, 3000000000.0)]
    [InlineData(ModbusDataType.UInt32, ModbusWordOrder.CDAB, new[] { 0x5E00, 0xB2D0 }, 3000000000.0)]
    [InlineData(ModbusDataType.UInt32, ModbusWordOrder.BADC, new[] { 0xD0B2, 0x005E }, 3000000000.0)]
    [InlineData(ModbusDataType.UInt32, ModbusWordOrder.DCBA, new[] { 0x005E, 0xD0B2 }, 3000000000.0)]
    [InlineData(ModbusDataType.Int32, ModbusWordOrder.ABCD, new[] { 0xB2D0, 0x5E00 }, -1294967296.0)]

    // -2.5f is 0xC0200000.
    [InlineData(ModbusDataType.Float32, ModbusWordOrder.ABCD, new[] { 0xC020, 0x0000 }, -2.5)]
    [InlineData(ModbusDataType.Float32, ModbusWordOrder.DCBA, new[] { 0x0000, 0x20C0 }, -2.5)]

    // -1234567.891 as float64 is 0xC132D687E4189375.
    [InlineData(ModbusDataType.Float64, ModbusWordOrder.ABCD, new[] { 0xC132, 0xD687, 0xE418, 0x9375 }, -1234567.891)]
    [InlineData(ModbusDataType.Float64, ModbusWordOrder.CDAB, new[] { 0x9375, 0xE418, 0xD687, 0xC132 }, -1234567.891)]
    [InlineData(ModbusDataType.Float64, ModbusWordOrder.BADC, new[] { 0x32C1, 0x87D6, 0x18E4, 0x7593 }, -1234567.891)]
    [InlineData(ModbusDataType.Float64, ModbusWordOrder.DCBA, new[] { 0x7593, 0x18E4, 0x87D6, 0x32C1 }, -1234567.891)]

    // -5000000000 is 0xFFFFFFFED5FA0E00; 12345678901 is 0x00000002DFDC1C35.
    [InlineData(ModbusDataType.Int64, ModbusWordOrder.ABCD, new[] { 0xFFFF, 0xFFFE, 0xD5FA, 0x0E00 }, -5000000000.0)]
    [InlineData(ModbusDataType.Int64, ModbusWordOrder.CDAB, new[] { 0x0E00, 0xD5FA, 0xFFFE, 0xFFFF }, -5000000000.0)]
    [InlineData(ModbusDataType.UInt64, ModbusWordOrder.ABCD, new[] { 0x0000, 0x0002, 0xDFDC, 0x1C35 }, 12345678901.0)]
    [InlineData(ModbusDataType.UInt64, ModbusWordOrder.DCBA, new[] { 0x351C, 0xDCDF, 0x0200, 0x0000 }, 12345678901.0)]
    public void Decode_Vectors(ModbusDataType type, ModbusWordOrder order, int[] registers, double expected)
    {
        var words = registers.Select(register => (ushort)register).ToArray();

        var value = ModbusValueCodec.Decode(words, type, order);

        Assert.Equal(expected, value);
    }

    [Fact]
    public void Decode_Float64VectorMatchesBits()
    {
        // Guards the hand-written float64 vectors above against a typo in the constant.
        Assert.Equal(-1234567.891, BitConverter.Int64BitsToDouble(unchecked((long)0xC132D687E4189375)));
    }

    [Theory]
    [InlineData(ModbusDataType.Int16, 1)]
    [InlineData(ModbusDataType.UInt16, 1)]
    [InlineData(ModbusDataType.Int32, 2)]
    [InlineData(ModbusDataType.UInt32, 2)]
    [InlineData(ModbusDataType.Float32, 2)]
    [InlineData(ModbusDataType.Int64, 4)]
    [InlineData(ModbusDataType.UInt64, 4)]
    [InlineData(ModbusDataType.Float64, 4)]
    public void RegisterCount_PerType(ModbusDataType type, int expected)
    {
        Assert.Equal(expected, ModbusValueCodec.RegisterCount(type));
    }

    [Fact]
    public void Decode_TooFewRegistersThrows()
    {
        Assert.Throws<ArgumentException>(() => ModbusValueCodec.Decode([0x47F1], ModbusDataType.Float32, ModbusWordOrder.ABCD));
    }

    [Fact]
    public void Decode_ReadsOnlyTheTypesRegisters()
    {
        var value = ModbusValueCodec.Decode([0x0384, 0xFFFF], ModbusDataType.UInt16, ModbusWordOrder.ABCD);

        Assert.Equal(900.0, value);
    }

    [Fact]
    public void DecodeScaled_AppliesScaleThenOffset()
    {
        // 0xFFC9 is -55 as int16: -55 × 0.1 + 20 = 14.5
        var value = ModbusValueCodec.DecodeScaled([0xFFC9], ModbusDataType.Int16, ModbusWordOrder.ABCD, 0.1, 20);

        Assert.Equal(14.5, value, 1e-9);
    }

    [Fact]
    public void DecodeScaled_Float32CdabWithScale()
    {
        var value = ModbusValueCodec.DecodeScaled([0x2000, 0x47F1], ModbusDataType.Float32, ModbusWordOrder.CDAB, 0.001, 0);

        Assert.Equal(123.456, value, 1e-9);
    }

    [Theory]
    [InlineData(ModbusWordOrder.ABCD, 0x47F1, 0x2000)]
    [InlineData(ModbusWordOrder.CDAB, 0x2000, 0x47F1)]
    [InlineData(ModbusWordOrder.BADC, 0xF147, 0x0020)]
    [InlineData(ModbusWordOrder.DCBA, 0x0020, 0xF147)]
    public void Encode_Float32PerOrder(ModbusWordOrder order, int first, int second)
    {
        var registers = new ushort[2];

        var encoded = ModbusValueCodec.TryEncode(123456.0, ModbusDataType.Float32, order, registers);

        Assert.True(encoded);
        Assert.Equal([(ushort)first, (ushort)second], registers);
    }

    public static TheoryData<ModbusDataType, double> RoundTripValues => new()
    {
        { ModbusDataType.Int16, -32768 },
        { ModbusDataType.Int16, 32767 },
        { ModbusDataType.UInt16, 65535 },
        { ModbusDataType.Int32, -123456 },
        { ModbusDataType.Int32, int.MinValue },
        { ModbusDataType.UInt32, 3000000000 },
        { ModbusDataType.UInt32, uint.MaxValue },
        { ModbusDataType.Float32, -2.5 },
        { ModbusDataType.Float32, 123456 },
        { ModbusDataType.Int64, -5000000000 },
        { ModbusDataType.UInt64, 12345678901 },
        { ModbusDataType.Float64, -1234567.891 },
        { ModbusDataType.Float64, double.Epsilon },
    };

    [Theory]
    [MemberData(nameof(RoundTripValues))]
    public void Encode_RoundTripsEveryOrder(ModbusDataType type, double value)
    {
        foreach (var order in Enum.GetValues<ModbusWordOrder>())
        {
            var registers = new ushort[ModbusValueCodec.RegisterCount(type)];

            Assert.True(ModbusValueCodec.TryEncode(value, type, order, registers), $"{type} {order} {value}");
            Assert.Equal(value, ModbusValueCodec.Decode(registers, type, order));
        }
    }

    [Fact]
    public void Encode_Int32CdabMatchesDecodeVector()
    {
        var registers = new ushort[2];

        Assert.True(ModbusValueCodec.TryEncode(-123456, ModbusDataType.Int32, ModbusWordOrder.CDAB, registers));

        Assert.Equal([(ushort)0x1DC0, (ushort)0xFFFE], registers);
    }

    [Theory]
    [InlineData(ModbusDataType.Int16, 32768)]
    [InlineData(ModbusDataType.Int16, -32769)]
    [InlineData(ModbusDataType.UInt16, -1)]
    [InlineData(ModbusDataType.UInt16, 65536)]
    [InlineData(ModbusDataType.Int32, 2147483648.0)]
    [InlineData(ModbusDataType.UInt32, 4294967296.0)]
    [InlineData(ModbusDataType.UInt64, -1)]
    [InlineData(ModbusDataType.Int64, 9223372036854775808.0)]
    [InlineData(ModbusDataType.Float32, 1e39)]
    [InlineData(ModbusDataType.Float64, double.NaN)]
    [InlineData(ModbusDataType.Float32, double.PositiveInfinity)]
    public void Encode_RejectsOutOfRange(ModbusDataType type, double value)
    {
        var registers = new ushort[4];
        registers.AsSpan().Fill(0xABCD);

        var encoded = ModbusValueCodec.TryEncode(value, type, ModbusWordOrder.ABCD, registers);

        Assert.False(encoded);
        Assert.All(registers, register => Assert.Equal(0xABCD, register));
    }

    [Fact]
    public void Encode_RoundsIntegersHalfAwayFromZero()
    {
        var registers = new ushort[1];

        Assert.True(ModbusValueCodec.TryEncode(-2.5, ModbusDataType.Int16, ModbusWordOrder.ABCD, registers));

        Assert.Equal(unchecked((ushort)-3), registers[0]);
    }

    [Fact]
    public void EncodeScaled_InvertsScaleAndOffset()
    {
        var registers = new ushort[1];

        // (21.5 - 20) / 0.1 = 15, give or take binary rounding
        Assert.True(ModbusValueCodec.TryEncodeScaled(21.5, ModbusDataType.Int16, ModbusWordOrder.ABCD, 0.1, 20, registers));

        Assert.Equal(15, registers[0]);
        Assert.Equal(21.5, ModbusValueCodec.DecodeScaled(registers, ModbusDataType.Int16, ModbusWordOrder.ABCD, 0.1, 20), 1e-9);
    }

    [Theory]
    [InlineData(ModbusWordOrder.ABCD, new[] { 0x5232, 0x3031, 0x0000 }, "R201")]
    [InlineData(ModbusWordOrder.BADC, new[] { 0x3252, 0x3130, 0x0000 }, "R201")]
    [InlineData(ModbusWordOrder.ABCD, new[] { 0x4142, 0x4320, 0x2020 }, "ABC")] // space padding trimmed
    [InlineData(ModbusWordOrder.ABCD, new[] { 0x4100, 0x4242 }, "A")] // text ends at the first NUL
    [InlineData(ModbusWordOrder.ABCD, new[] { 0x2041, 0x2042 }, " A B")] // leading and inner spaces kept
    [InlineData(ModbusWordOrder.ABCD, new[] { 0x0000 }, "")]
    [InlineData(ModbusWordOrder.ABCD, new[] { 0x41C3 }, "A?")] // a byte above 0x7F is not ASCII
    public void DecodeString_Vectors(ModbusWordOrder order, int[] registers, string expected)
    {
        var words = registers.Select(value => (ushort)value).ToArray();

        Assert.Equal(expected, ModbusValueCodec.DecodeString(words, order));
    }

    [Theory]
    [InlineData(ModbusWordOrder.ABCD, "EM-3", new[] { 0x454D, 0x2D33, 0x0000 })]
    [InlineData(ModbusWordOrder.BADC, "EM-3", new[] { 0x4D45, 0x332D, 0x0000 })]
    [InlineData(ModbusWordOrder.ABCD, "ABCDE", new[] { 0x4142, 0x4344, 0x4500 })]
    [InlineData(ModbusWordOrder.ABCD, "", new[] { 0x0000, 0x0000, 0x0000 })]
    public void EncodeString_Vectors(ModbusWordOrder order, string text, int[] expected)
    {
        var registers = new ushort[3];

        Assert.True(ModbusValueCodec.TryEncodeString(text, order, registers));
        Assert.Equal(expected.Select(value => (ushort)value), registers);
        Assert.Equal(text, ModbusValueCodec.DecodeString(registers, order));
    }

    [Theory]
    [InlineData("ABCDEFG")] // 7 characters in 3 registers
    [InlineData("A\0B")]
    [InlineData("温度")]
    public void EncodeString_Rejected(string text)
    {
        var registers = new ushort[] { 0x1111, 0x1111, 0x1111 };

        Assert.False(ModbusValueCodec.TryEncodeString(text, ModbusWordOrder.ABCD, registers));
        Assert.All(registers, register => Assert.Equal(0x1111, register));
    }

    [Theory]
    [InlineData(ModbusWordOrder.CDAB)]
    [InlineData(ModbusWordOrder.DCBA)]
    public void DecodeString_WordSwapRejected(ModbusWordOrder order)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ModbusValueCodec.DecodeString([0x4142], order));
    }
}
