using System.Device.I2c;

namespace SmartCampus.Edge.Drivers.Tests.I2c;

/// <summary>
/// An SHT3x chip in process, because this machine has no I2C bus: it responds to the single-shot measurement command
/// (0x24 0x00, high repeatability) with temperature and humidity words, each followed by its CRC-8 (polynomial
/// 0x31, initial value 0xFF), as the Sensirion SHT3x datasheet describes.
/// </summary>
internal sealed class FakeSht3x(I2cConnectionSettings settings) : I2cDevice
{
    private readonly Lock _sync = new();
    private readonly List<byte[]> _writes = [];
    private bool _measured;

    public override I2cConnectionSettings ConnectionSettings { get; } = settings;

    public double Celsius { get; set; } = 23.4;

    public double RelativeHumidity { get; set; } = 55.0;

    /// <summary>Sends a wrong CRC after the temperature word, as a disturbed bus would.</summary>
    public bool CorruptCrc { get; set; }

    /// <summary>Makes every read throw, as a chip that stopped responding does (the kernel returns EREMOTEIO).</summary>
    public bool Unplugged { get; set; }

    public IReadOnlyList<byte[]> Writes
    {
        get
        {
            lock (_sync)
            {
                return [.. _writes];
            }
        }
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        lock (_sync)
        {
            _writes.Add(buffer.ToArray());
            _measured = buffer.Length == 2 && buffer[0] == 0x24 && buffer[1] == 0x00;
        }
    }

    public override void Read(Span<byte> buffer)
    {
        if (Unplugged)
        {
            throw new IOException("Error 121 performing I2C data transfer.");
        }

        lock (_sync)
        {
            if (!_measured || buffer.Length != 6)
            {
                throw new IOException("read without a measurement command");
            }

            _measured = false;
        }

        var temperature = (ushort)Math.Round((Celsius + 45) * 65535 / 175);
        var humidity = (ushort)Math.Round(RelativeHumidity * 65535 / 100);
        WriteWord(buffer[..3], temperature);
        WriteWord(buffer[3..], humidity);
        if (CorruptCrc)
        {
            buffer[2] ^= 0xFF;
        }
    }

    public override byte ReadByte() => throw new NotSupportedException("The SHT3x binding reads whole frames.");

    public override void WriteByte(byte value) => Write([value]);

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        Read(readBuffer);
    }

    private static void WriteWord(Span<byte> target, ushort word)
    {
        target[0] = (byte)(word >> 8);
        target[1] = (byte)word;
        target[2] = SensirionCrcReference.Compute(target[..2]);
    }
}
