namespace SmartCampus.Edge.Drivers.Tests.I2c;

/// <summary>
/// The Sensirion word CRC-8 (polynomial 0x31, initial value 0xFF), written here apart from the driver's so that the
/// fake chips do not check the driver against itself.
/// </summary>
internal static class SensirionCrcReference
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
}
