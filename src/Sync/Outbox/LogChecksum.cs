using System.Buffers.Binary;
using System.Numerics;

namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>
/// CRC-32C (Castagnoli) over bytes of LiteDB's log. <see cref="BitOperations.Crc32C(uint, ulong)"/> uses the CPU's
/// CRC instruction where there is one (SSE 4.2 on x64, the CRC32 extension on ARMv8) and a table otherwise.
/// </summary>
internal static class LogChecksum
{
    /// <summary>Value of a checksum over no bytes; pass it as the first <c>crc</c> to <see cref="Append"/>.</summary>
    public const uint Empty = uint.MaxValue;

    /// <summary>Returns <paramref name="crc"/> continued over <paramref name="bytes"/>.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> bytes)
    {
        while (bytes.Length >= sizeof(ulong))
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(bytes));
            bytes = bytes[sizeof(ulong)..];
        }

        foreach (var value in bytes)
        {
            crc = BitOperations.Crc32C(crc, value);
        }

        return crc;
    }

    /// <summary>Returns the checksum of the bytes of <paramref name="stream"/> from <paramref name="start"/> to <paramref name="end"/>; leaves its position there.</summary>
    /// <exception cref="EndOfStreamException">The stream ends before <paramref name="end"/>.</exception>
    public static uint Compute(Stream stream, long start, long end)
    {
        var buffer = new byte[64 * 1024];
        var crc = Empty;
        stream.Position = start;
        for (var left = end - start; left > 0;)
        {
            var chunk = buffer.AsSpan(0, (int)Math.Min(buffer.Length, left));
            stream.ReadExactly(chunk);
            crc = Append(crc, chunk);
            left -= chunk.Length;
        }

        return crc;
    }
}
