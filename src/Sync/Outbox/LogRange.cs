using System.Buffers.Binary;

namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>
/// One entry of a <see cref="LogManifest"/>: the bytes of LiteDB's log from <see cref="Start"/> to
/// <see cref="End"/> (exclusive) have the CRC-32C <see cref="Crc"/>. Stored as 32 bytes, little-endian: a magic
/// number, the format version, start, end, the checksum of the log bytes, and a CRC-32C of the 28 bytes before it.
/// That last checksum makes a torn or never-written entry read as the end of the manifest.
/// </summary>
internal readonly record struct LogRange(long Start, long End, uint Crc)
{
    public const int Size = 32;

    // "SCLR" read as a little-endian uint32.
    private const uint Magic = 0x524C4353;
    private const uint Version = 1;

    public void WriteTo(Span<byte> target)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(target, Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(target[4..], Version);
        BinaryPrimitives.WriteInt64LittleEndian(target[8..], Start);
        BinaryPrimitives.WriteInt64LittleEndian(target[16..], End);
        BinaryPrimitives.WriteUInt32LittleEndian(target[24..], Crc);
        BinaryPrimitives.WriteUInt32LittleEndian(target[28..], LogChecksum.Append(LogChecksum.Empty, target[..28]));
    }

    /// <summary>Reads an entry; false when the bytes are not a whole, intact entry of this version.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out LogRange range)
    {
        range = default;
        if (source.Length < Size
            || BinaryPrimitives.ReadUInt32LittleEndian(source) != Magic
            || BinaryPrimitives.ReadUInt32LittleEndian(source[4..]) != Version
            || BinaryPrimitives.ReadUInt32LittleEndian(source[28..]) != LogChecksum.Append(LogChecksum.Empty, source[..28]))
        {
            return false;
        }

        range = new LogRange(
            BinaryPrimitives.ReadInt64LittleEndian(source[8..]),
            BinaryPrimitives.ReadInt64LittleEndian(source[16..]),
            BinaryPrimitives.ReadUInt32LittleEndian(source[24..]));
        return range.Start >= 0 && range.End >= range.Start;
    }
}
