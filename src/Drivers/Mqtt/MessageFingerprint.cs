using System.Buffers;

namespace SmartCampus.Edge.Drivers.Mqtt;

/// <summary>
/// Topic, length and a hash of the first bytes of a message: enough to tell whether the same message came back
/// after a reconnect, without keeping its payload (which may hold a card UID).
/// </summary>
internal readonly record struct MessageFingerprint(string Topic, long Length, int Hash)
{
    private const int HashedBytes = 256;

    public static MessageFingerprint Of(string topic, ReadOnlySequence<byte> payload)
    {
        // HashCode.AddBytes depends on how the bytes are split, so the head is copied into one span first.
        var head = payload.Length > HashedBytes ? payload.Slice(0, HashedBytes) : payload;
        Span<byte> bytes = stackalloc byte[HashedBytes];
        head.CopyTo(bytes);
        var hash = new HashCode();
        hash.AddBytes(bytes[..(int)head.Length]);

        return new MessageFingerprint(topic, payload.Length, hash.ToHashCode());
    }
}
