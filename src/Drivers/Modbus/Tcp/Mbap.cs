using System.Buffers.Binary;

namespace SmartCampus.Edge.Drivers.Modbus.Tcp;

/// <summary>
/// MBAP header layout (Modbus Messaging on TCP/IP Implementation Guide v1.0b): transaction id (2 bytes),
/// protocol id (2, always 0), length (2, counting the unit id and the PDU), unit id (1). All fields big-endian.
/// </summary>
internal static class Mbap
{
    public const int HeaderLength = 7;

    /// <summary>Bytes before the length field's count starts: transaction id, protocol id and length.</summary>
    public const int PrefixLength = 6;

    /// <summary>Smallest length: unit id and a function code.</summary>
    public const int MinLength = 2;

    /// <summary>Largest length: unit id and a 253-byte PDU.</summary>
    public const int MaxLength = 254;

    public const int MaxAduLength = PrefixLength + MaxLength;

    public static byte[] BuildAdu(ushort transactionId, byte unitId, ReadOnlySpan<byte> pdu)
    {
        var adu = new byte[HeaderLength + pdu.Length];
        WriteAdu(adu, transactionId, unitId, pdu);
        return adu;
    }

    /// <summary>Writes the ADU into <paramref name="destination"/> and returns its length.</summary>
    public static int WriteAdu(Span<byte> destination, ushort transactionId, byte unitId, ReadOnlySpan<byte> pdu)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, transactionId);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], (ushort)(pdu.Length + 1));
        destination[6] = unitId;
        pdu.CopyTo(destination[HeaderLength..]);
        return HeaderLength + pdu.Length;
    }
}
