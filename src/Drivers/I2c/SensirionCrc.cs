namespace SmartCampus.Edge.Drivers.I2c;

/// <summary>The CRC-8 that Sensirion chips append to every 16-bit word: polynomial 0x31, initial value 0xFF, no final XOR.</summary>
internal static class SensirionCrc
{
    public static byte Compute(ReadOnlySpan<byte> data)
    {
        byte crc = 0xFF;
        foreach (var value in data)
        {
            crc ^= value;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x80) != 0 ? (byte)((crc << 1) ^ 0x31) : (byte)(crc << 1);
            }
        }

        return crc;
    }

    /// <summary>Checks a frame of words, each two bytes big-endian followed by its CRC.</summary>
    public static bool FrameValid(ReadOnlySpan<byte> frame)
    {
        for (var offset = 0; offset + 3 <= frame.Length; offset += 3)
        {
            if (Compute(frame.Slice(offset, 2)) != frame[offset + 2])
            {
                return false;
            }
        }

        return frame.Length % 3 == 0;
    }
}
