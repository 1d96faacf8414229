using System.Device.I2c;

namespace SmartCampus.Edge.Drivers.I2c;

/// <summary>
/// Passes every transfer of the SHT3x binding through to the bus and checks the CRC-8 of each measurement frame
/// (two words, each followed by its CRC, polynomial 0x31, initial value 0xFF, SHT3x datasheet §4.12). The
/// Iot.Device.Bindings 4.2 driver does not report a CRC failure: its Temperature and Humidity properties then
/// return the previous value, 0 at first, so without this check a disturbed bus would look like a good 0 °C.
/// </summary>
internal sealed class Sht3xFrameCheck(I2cDevice inner) : I2cDevice
{
    private const int FrameLength = 6;

    /// <summary>False when the last measurement frame had a wrong CRC; true before the first frame.</summary>
    public bool LastFrameValid { get; private set; } = true;

    public override I2cConnectionSettings ConnectionSettings => inner.ConnectionSettings;

    public override void Read(Span<byte> buffer)
    {
        inner.Read(buffer);
        if (buffer.Length == FrameLength)
        {
            LastFrameValid = SensirionCrc.FrameValid(buffer);
        }
    }

    public override byte ReadByte() => inner.ReadByte();

    public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);

    public override void WriteByte(byte value) => inner.WriteByte(value);

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer) => inner.WriteRead(writeBuffer, readBuffer);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
