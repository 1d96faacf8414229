using System.Buffers.Binary;
using System.Device.I2c;

namespace SmartCampus.Edge.Drivers.Tests.I2c;

/// <summary>
/// An SCD4x chip in process, because this machine has no I2C bus. It implements the commands of the Sensirion SCD4x
/// datasheet that the gateway uses: start_periodic_measurement (0x21B1, NACKed while already measuring),
/// get_data_ready_status (0xE4B8), read_measurement (0xEC05) and stop_periodic_measurement (0x3F86). Every reply
/// word carries its CRC-8 (polynomial 0x31, initial value 0xFF).
/// </summary>
internal sealed class FakeScd4x(I2cConnectionSettings settings) : I2cDevice
{
    private readonly Lock _sync = new();
    private readonly List<ushort> _commands = [];
    private ushort _pending;

    public override I2cConnectionSettings ConnectionSettings { get; } = settings;

    public bool Measuring { get; set; }

    public int Co2 { get; set; } = 612;

    public double Celsius { get; set; } = 22.5;

    public double RelativeHumidity { get; set; } = 48.0;

    /// <summary>Number of coming data-ready queries that return "not ready"; -1 makes every query return it.</summary>
    public int NotReadyReplies { get; set; }

    /// <summary>Number of measurement frames still to be sent with a wrong CRC on the temperature word.</summary>
    public int CorruptFrames { get; set; }

    /// <summary>Makes every transfer throw, as a chip that stopped responding does (the kernel returns EREMOTEIO).</summary>
    public bool Unplugged { get; set; }

    public IReadOnlyList<ushort> Commands
    {
        get
        {
            lock (_sync)
            {
                return [.. _commands];
            }
        }
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ThrowIfUnplugged();
        if (buffer.Length != 2)
        {
            throw new IOException($"unexpected {buffer.Length}-byte write");
        }

        var command = BinaryPrimitives.ReadUInt16BigEndian(buffer);
        lock (_sync)
        {
            _commands.Add(command);
            switch (command)
            {
                case 0x21B1 when Measuring:
                    throw new IOException("Error 121 performing I2C data transfer.");
                case 0x21B1:
                    Measuring = true;
                    break;
                case 0x3F86:
                    Measuring = false;
                    break;
                case 0xE4B8 or 0xEC05 when !Measuring:
                    throw new IOException("Error 121 performing I2C data transfer.");
                case 0xE4B8 or 0xEC05:
                    break;
                default:
                    throw new IOException($"unknown command 0x{command:X4}");
            }

            _pending = command;
        }
    }

    public override void Read(Span<byte> buffer)
    {
        ThrowIfUnplugged();
        lock (_sync)
        {
            var command = _pending;
            _pending = 0;
            switch (command)
            {
                case 0xE4B8 when buffer.Length == 3:
                    var ready = NotReadyReplies == 0;
                    if (NotReadyReplies > 0)
                    {
                        NotReadyReplies--;
                    }

                    WriteWord(buffer, ready ? (ushort)0x8006 : (ushort)0x8000);
                    break;
                case 0xEC05 when buffer.Length == 9:
                    WriteWord(buffer[..3], (ushort)Co2);
                    WriteWord(buffer[3..6], (ushort)Math.Round((Celsius + 45) * 65535 / 175));
                    WriteWord(buffer[6..], (ushort)Math.Round(RelativeHumidity * 65535 / 100));
                    if (CorruptFrames > 0)
                    {
                        CorruptFrames--;
                        buffer[5] ^= 0xFF;
                    }

                    break;
                default:
                    throw new IOException($"read of {buffer.Length} bytes after command 0x{command:X4}");
            }
        }
    }

    public override byte ReadByte() => throw new NotSupportedException("The SCD4x replies with whole words.");

    public override void WriteByte(byte value) => throw new NotSupportedException("The SCD4x takes 16-bit commands.");

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer) =>
        throw new NotSupportedException("The SCD4x needs a pause between a command and its reply.");

    private void ThrowIfUnplugged()
    {
        if (Unplugged)
        {
            throw new IOException("Error 121 performing I2C data transfer.");
        }
    }

    private static void WriteWord(Span<byte> target, ushort word)
    {
        BinaryPrimitives.WriteUInt16BigEndian(target, word);
        target[2] = SensirionCrcReference.Compute(target[..2]);
    }
}
