namespace SmartCampus.Edge.Drivers.Modbus.Rtu;

/// <summary>
/// CRC-16 of Modbus RTU frames (Modbus over Serial Line v1.02 §6.2.2): initial value 0xFFFF, reflected polynomial
/// 0xA001, sent low byte first.
/// </summary>
public static class ModbusCrc
{
    private static readonly ushort[] Table = BuildTable();

    public static ushort Compute(ReadOnlySpan<byte> data)
    {
        ushort crc = 0xFFFF;
        foreach (var value in data)
        {
            crc = (ushort)((crc >> 8) ^ Table[(crc ^ value) & 0xFF]);
        }

        return crc;
    }

    /// <summary>True when the last two bytes of <paramref name="frame"/> are the CRC of the bytes before them.</summary>
    public static bool IsValid(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < 3)
        {
            return false;
        }

        var crc = Compute(frame[..^2]);
        return frame[^2] == (byte)crc && frame[^1] == (byte)(crc >> 8);
    }

    /// <summary>Writes the CRC of <paramref name="data"/> low byte first into <paramref name="destination"/>.</summary>
    public static void Write(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        var crc = Compute(data);
        destination[0] = (byte)crc;
        destination[1] = (byte)(crc >> 8);
    }

    private static ushort[] BuildTable()
    {
        var table = new ushort[256];
        for (var i = 0; i < table.Length; i++)
        {
            var crc = (ushort)i;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (ushort)((crc >> 1) ^ 0xA001) : (ushort)(crc >> 1);
            }

            table[i] = crc;
        }

        return table;
    }
}
