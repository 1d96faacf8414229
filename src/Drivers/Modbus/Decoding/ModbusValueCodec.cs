using System.Buffers.Binary;
using System.Text;

namespace SmartCampus.Edge.Drivers.Modbus.Decoding;

/// <summary>
/// Converts between register values and numbers for every <see cref="ModbusDataType"/> and
/// <see cref="ModbusWordOrder"/>. The registers are first rearranged into the value's big-endian byte order and
/// then read with <see cref="BinaryPrimitives"/>, so the result does not depend on the host's endianness.
/// </summary>
public static class ModbusValueCodec
{
    private const int MaxRegisters = 4;

    /// <summary>Registers of a fixed-size type. A <see cref="ModbusDataType.String"/> takes as many as its point gives.</summary>
    public static int RegisterCount(ModbusDataType type) => type switch
    {
        ModbusDataType.Int16 or ModbusDataType.UInt16 => 1,
        ModbusDataType.Int32 or ModbusDataType.UInt32 or ModbusDataType.Float32 => 2,
        ModbusDataType.Int64 or ModbusDataType.UInt64 or ModbusDataType.Float64 => 4,
        ModbusDataType.String => throw new ArgumentOutOfRangeException(nameof(type), type, "A string's register count comes from its point."),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown Modbus data type."),
    };

    /// <summary>
    /// Decodes ASCII text from <paramref name="registers"/>, two characters per register. With
    /// <see cref="ModbusWordOrder.ABCD"/> the first character is in the high byte of each register (the usual
    /// layout); with <see cref="ModbusWordOrder.BADC"/> it is in the low byte. The text ends at the first NUL, and
    /// trailing spaces are trimmed, since devices pad short text with either. Bytes above 0x7F become '?'.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="order"/> swaps registers (CDAB or DCBA), which a string has no use for.</exception>
    public static string DecodeString(ReadOnlySpan<ushort> registers, ModbusWordOrder order)
    {
        var swapBytes = StringByteSwap(order);
        Span<byte> bytes = registers.Length <= 128 ? stackalloc byte[2 * registers.Length] : new byte[2 * registers.Length];
        for (var i = 0; i < registers.Length; i++)
        {
            var register = swapBytes ? BinaryPrimitives.ReverseEndianness(registers[i]) : registers[i];
            BinaryPrimitives.WriteUInt16BigEndian(bytes[(2 * i)..], register);
        }

        var end = bytes.IndexOf((byte)0);
        if (end >= 0)
        {
            bytes = bytes[..end];
        }

        return Encoding.ASCII.GetString(bytes).TrimEnd(' ');
    }

    /// <summary>
    /// Encodes <paramref name="text"/> into all of <paramref name="destination"/>, two ASCII characters per
    /// register, in the layout of <see cref="DecodeString"/>, and pads with NUL. Returns false, and writes nothing,
    /// when the text has a character outside ASCII 0x01..0x7F or does not fit.
    /// </summary>
    public static bool TryEncodeString(string text, ModbusWordOrder order, Span<ushort> destination)
    {
        ArgumentNullException.ThrowIfNull(text);
        var swapBytes = StringByteSwap(order);
        if (text.Length > 2 * destination.Length || text.Any(character => character is '\0' or > '\x7F'))
        {
            return false;
        }

        for (var i = 0; i < destination.Length; i++)
        {
            var high = 2 * i < text.Length ? (byte)text[2 * i] : (byte)0;
            var low = (2 * i) + 1 < text.Length ? (byte)text[(2 * i) + 1] : (byte)0;
            var register = (ushort)((high << 8) | low);
            destination[i] = swapBytes ? BinaryPrimitives.ReverseEndianness(register) : register;
        }

        return true;
    }

    /// <summary>
    /// Decodes the first <see cref="RegisterCount"/> registers of <paramref name="registers"/> into a number.
    /// Float NaN and infinities are returned as they are, and the caller decides whether they are a valid reading.
    /// </summary>
    /// <remarks>NOTE: Int64 and UInt64 values beyond ±2^53 lose precision, because a point value is a double.</remarks>
    public static double Decode(ReadOnlySpan<ushort> registers, ModbusDataType type, ModbusWordOrder order)
    {
        var count = RegisterCount(type);
        if (registers.Length < count)
        {
            throw new ArgumentException($"{type} needs {count} registers, got {registers.Length}.", nameof(registers));
        }

        Span<byte> bytes = stackalloc byte[2 * MaxRegisters];
        bytes = bytes[..(2 * count)];
        ToBigEndianBytes(registers[..count], order, bytes);

        return type switch
        {
            ModbusDataType.Int16 => BinaryPrimitives.ReadInt16BigEndian(bytes),
            ModbusDataType.UInt16 => BinaryPrimitives.ReadUInt16BigEndian(bytes),
            ModbusDataType.Int32 => BinaryPrimitives.ReadInt32BigEndian(bytes),
            ModbusDataType.UInt32 => BinaryPrimitives.ReadUInt32BigEndian(bytes),
            ModbusDataType.Float32 => BinaryPrimitives.ReadSingleBigEndian(bytes),
            ModbusDataType.Int64 => BinaryPrimitives.ReadInt64BigEndian(bytes),
            ModbusDataType.UInt64 => BinaryPrimitives.ReadUInt64BigEndian(bytes),
            ModbusDataType.Float64 => BinaryPrimitives.ReadDoubleBigEndian(bytes),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown Modbus data type."),
        };
    }

    /// <summary>Decodes and converts to engineering units: <c>raw × scale + offset</c>.</summary>
    public static double DecodeScaled(
        ReadOnlySpan<ushort> registers,
        ModbusDataType type,
        ModbusWordOrder order,
        double scale,
        double offset) =>
        (Decode(registers, type, order) * scale) + offset;

    /// <summary>
    /// Encodes <paramref name="value"/> into <see cref="RegisterCount"/> registers of <paramref name="destination"/>.
    /// Integer types take the value rounded to the nearest integer (halves away from zero). Returns false, and
    /// writes nothing, when the value is not finite or does not fit the type.
    /// </summary>
    public static bool TryEncode(double value, ModbusDataType type, ModbusWordOrder order, Span<ushort> destination)
    {
        var count = RegisterCount(type);
        if (destination.Length < count)
        {
            throw new ArgumentException($"{type} needs {count} registers, got {destination.Length}.", nameof(destination));
        }

        Span<byte> bytes = stackalloc byte[2 * MaxRegisters];
        bytes = bytes[..(2 * count)];
        if (!TryWriteBigEndian(value, type, bytes))
        {
            return false;
        }

        FromBigEndianBytes(bytes, order, destination[..count]);
        return true;
    }

    /// <summary>Converts from engineering units back to the raw value, <c>(value − offset) / scale</c>, and encodes it.</summary>
    public static bool TryEncodeScaled(
        double value,
        ModbusDataType type,
        ModbusWordOrder order,
        double scale,
        double offset,
        Span<ushort> destination) =>
        TryEncode((value - offset) / scale, type, order, destination);

    private static bool TryWriteBigEndian(double value, ModbusDataType type, Span<byte> bytes)
    {
        if (!double.IsFinite(value))
        {
            return false;
        }

        var whole = Math.Round(value, MidpointRounding.AwayFromZero);
        switch (type)
        {
            case ModbusDataType.Int16 when whole is >= short.MinValue and <= short.MaxValue:
                BinaryPrimitives.WriteInt16BigEndian(bytes, (short)whole);
                return true;
            case ModbusDataType.UInt16 when whole is >= ushort.MinValue and <= ushort.MaxValue:
                BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)whole);
                return true;
            case ModbusDataType.Int32 when whole is >= int.MinValue and <= int.MaxValue:
                BinaryPrimitives.WriteInt32BigEndian(bytes, (int)whole);
                return true;
            case ModbusDataType.UInt32 when whole is >= uint.MinValue and <= uint.MaxValue:
                BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)whole);
                return true;

            // 2^63 and 2^64 are exact doubles, so every double below them converts without overflow.
            case ModbusDataType.Int64 when whole is >= -9223372036854775808.0 and < 9223372036854775808.0:
                BinaryPrimitives.WriteInt64BigEndian(bytes, (long)whole);
                return true;
            case ModbusDataType.UInt64 when whole is >= 0 and < 18446744073709551616.0:
                BinaryPrimitives.WriteUInt64BigEndian(bytes, (ulong)whole);
                return true;

            case ModbusDataType.Float32 when float.IsFinite((float)value):
                BinaryPrimitives.WriteSingleBigEndian(bytes, (float)value);
                return true;
            case ModbusDataType.Float64:
                BinaryPrimitives.WriteDoubleBigEndian(bytes, value);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Rearranges registers as the device sent them into the value's big-endian bytes.</summary>
    private static void ToBigEndianBytes(ReadOnlySpan<ushort> registers, ModbusWordOrder order, Span<byte> bytes)
    {
        var (swapWords, swapBytes) = Swaps(order);
        for (var i = 0; i < registers.Length; i++)
        {
            var register = registers[swapWords ? registers.Length - 1 - i : i];
            if (swapBytes)
            {
                register = BinaryPrimitives.ReverseEndianness(register);
            }

            BinaryPrimitives.WriteUInt16BigEndian(bytes[(2 * i)..], register);
        }
    }

    /// <summary>The inverse of <see cref="ToBigEndianBytes"/>.</summary>
    private static void FromBigEndianBytes(ReadOnlySpan<byte> bytes, ModbusWordOrder order, Span<ushort> registers)
    {
        var (swapWords, swapBytes) = Swaps(order);
        for (var i = 0; i < registers.Length; i++)
        {
            var register = BinaryPrimitives.ReadUInt16BigEndian(bytes[(2 * i)..]);
            if (swapBytes)
            {
                register = BinaryPrimitives.ReverseEndianness(register);
            }

            registers[swapWords ? registers.Length - 1 - i : i] = register;
        }
    }

    private static bool StringByteSwap(ModbusWordOrder order) => order switch
    {
        ModbusWordOrder.ABCD => false,
        ModbusWordOrder.BADC => true,
        _ => throw new ArgumentOutOfRangeException(nameof(order), order, "A string takes byte order ABCD or BADC."),
    };

    private static (bool SwapWords, bool SwapBytes) Swaps(ModbusWordOrder order) => order switch
    {
        ModbusWordOrder.ABCD => (false, false),
        ModbusWordOrder.CDAB => (true, false),
        ModbusWordOrder.BADC => (false, true),
        ModbusWordOrder.DCBA => (true, true),
        _ => throw new ArgumentOutOfRangeException(nameof(order), order, "Unknown Modbus word order."),
    };
}
