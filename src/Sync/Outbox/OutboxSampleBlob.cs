using System.Buffers.Binary;
using System.Text;

namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>
/// Binary form of the measurements of a multi-point telemetry record, stored in its document's "s" field. Per
/// measurement: key length (UInt16, little-endian), the key in UTF-8, the value (IEEE 754 double, little-endian).
/// One binary field instead of a BSON array keeps LiteDB from allocating a value object per key and number.
/// </summary>
internal static class OutboxSampleBlob
{
    private const int LengthBytes = sizeof(ushort);

    public static byte[] Encode(IReadOnlyList<OutboxSample> samples)
    {
        var size = 0;
        foreach (var sample in samples)
        {
            size += LengthBytes + Encoding.UTF8.GetByteCount(sample.Key) + sizeof(double);
        }

        var blob = new byte[size];
        var span = blob.AsSpan();
        foreach (var sample in samples)
        {
            var keyBytes = Encoding.UTF8.GetBytes(sample.Key, span[LengthBytes..]);
            BinaryPrimitives.WriteUInt16LittleEndian(span, checked((ushort)keyBytes));
            span = span[(LengthBytes + keyBytes)..];
            BinaryPrimitives.WriteDoubleLittleEndian(span, sample.Value);
            span = span[sizeof(double)..];
        }

        return blob;
    }

    /// <summary>Decodes a blob; a damaged one (shorter than its length fields state) yields the measurements before the damage.</summary>
    public static List<OutboxSample> Decode(ReadOnlySpan<byte> blob)
    {
        var samples = new List<OutboxSample>();
        while (blob.Length >= LengthBytes)
        {
            var keyBytes = BinaryPrimitives.ReadUInt16LittleEndian(blob);
            if (blob.Length < LengthBytes + keyBytes + sizeof(double))
            {
                break;
            }

            var key = Encoding.UTF8.GetString(blob.Slice(LengthBytes, keyBytes));
            var value = BinaryPrimitives.ReadDoubleLittleEndian(blob[(LengthBytes + keyBytes)..]);
            samples.Add(new OutboxSample(key, value));
            blob = blob[(LengthBytes + keyBytes + sizeof(double))..];
        }

        return samples;
    }
}
