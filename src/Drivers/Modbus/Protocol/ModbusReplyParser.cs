using System.Buffers.Binary;

namespace SmartCampus.Edge.Drivers.Modbus.Protocol;

/// <summary>
/// Checks a reply PDU against its request and extracts the result. An exception response becomes
/// <see cref="ModbusExceptionResponseException"/>, and any other mismatch becomes <see cref="ModbusProtocolException"/>.
/// </summary>
internal static class ModbusReplyParser
{
    private const byte ExceptionBit = 0x80;

    /// <summary>
    /// Parses an FC3, FC4 or FC23 reply: function, byte count (= 2 × quantity read), register values big-endian (§6.3,
    /// §6.4, §6.17).
    /// </summary>
    public static ushort[] ParseReadRegisters(ReadOnlySpan<byte> pdu, ModbusRequest request, string deviceId, byte unitId)
    {
        var registers = new ushort[request.Quantity];
        ParseReadRegisters(pdu, request, deviceId, unitId, registers);
        return registers;
    }

    /// <summary>
    /// Parses an FC3, FC4 or FC23 reply into the first <see cref="ModbusRequest.Quantity"/> words of
    /// <paramref name="destination"/>. The values are copied, so <paramref name="pdu"/> may be a transport's reused buffer.
    /// </summary>
    public static void ParseReadRegisters(ReadOnlySpan<byte> pdu, ModbusRequest request, string deviceId, byte unitId, Span<ushort> destination)
    {
        ThrowIfNotReplyTo(pdu, request, deviceId, unitId);

        if (pdu.Length < 2)
        {
            throw Protocol(request, deviceId, unitId, ModbusProtocolError.MalformedPdu, pdu.Length);
        }

        var byteCount = pdu[1];
        var expected = 2 * request.Quantity;
        if (byteCount != expected)
        {
            throw Protocol(request, deviceId, unitId, ModbusProtocolError.ByteCountMismatch, byteCount, expected, request.Quantity);
        }

        if (pdu.Length != 2 + byteCount)
        {
            throw Protocol(request, deviceId, unitId, ModbusProtocolError.MalformedPdu, pdu.Length);
        }

        for (var i = 0; i < request.Quantity; i++)
        {
            destination[i] = BinaryPrimitives.ReadUInt16BigEndian(pdu[(2 + (2 * i))..]);
        }
    }

    /// <summary>Parses an FC1/FC2 reply: function, byte count (= ceil(quantity / 8)), bits LSB first (§6.1, §6.2).</summary>
    public static bool[] ParseReadBits(ReadOnlySpan<byte> pdu, ModbusRequest request, string deviceId, byte unitId)
    {
        CheckReadBits(pdu, request, deviceId, unitId);
        var bits = new bool[request.Quantity];
        for (var i = 0; i < bits.Length; i++)
        {
            bits[i] = BitAt(pdu, i);
        }

        return bits;
    }

    /// <summary>
    /// Parses an FC1/FC2 reply into the first <see cref="ModbusRequest.Quantity"/> words of
    /// <paramref name="destination"/>, one word per bit, 0 or 1.
    /// </summary>
    public static void ParseReadBits(ReadOnlySpan<byte> pdu, ModbusRequest request, string deviceId, byte unitId, Span<ushort> destination)
    {
        CheckReadBits(pdu, request, deviceId, unitId);
        for (var i = 0; i < request.Quantity; i++)
        {
            destination[i] = BitAt(pdu, i) ? (ushort)1 : (ushort)0;
        }
    }

    private static void CheckReadBits(ReadOnlySpan<byte> pdu, ModbusRequest request, string deviceId, byte unitId)
    {
        ThrowIfNotReplyTo(pdu, request, deviceId, unitId);

        if (pdu.Length < 2)
        {
            throw Protocol(request, deviceId, unitId, ModbusProtocolError.MalformedPdu, pdu.Length);
        }

        var byteCount = pdu[1];
        var expected = (request.Quantity + 7) / 8;
        if (byteCount != expected)
        {
            throw Protocol(request, deviceId, unitId, ModbusProtocolError.ByteCountMismatch, byteCount, expected, request.Quantity);
        }

        if (pdu.Length != 2 + byteCount)
        {
            throw Protocol(request, deviceId, unitId, ModbusProtocolError.MalformedPdu, pdu.Length);
        }
    }

    private static bool BitAt(ReadOnlySpan<byte> pdu, int index) => (pdu[2 + (index / 8)] & (1 << (index % 8))) != 0;

    /// <summary>
    /// Checks an FC5, FC6, FC15 or FC16 reply. FC5 and FC6 echo address and value (§6.5, §6.6); FC15 and FC16 echo
    /// address and quantity (§6.11, §6.12). FC6 echoes address and value (§6.6), and FC16 echoes address and quantity (§6.12).
    /// </summary>
    public static void ParseWrite(ReadOnlySpan<byte> pdu, ModbusRequest request, string deviceId, byte unitId)
    {
        ThrowIfNotReplyTo(pdu, request, deviceId, unitId);

        if (pdu.Length != 5)
        {
            throw Protocol(request, deviceId, unitId, ModbusProtocolError.MalformedPdu, pdu.Length);
        }

        var echoedAddress = BinaryPrimitives.ReadUInt16BigEndian(pdu[1..]);
        var echoedField = BinaryPrimitives.ReadUInt16BigEndian(pdu[3..]);
        var expectedField = request.Function is ModbusFunctionCode.WriteSingleRegister or ModbusFunctionCode.WriteSingleCoil
            ? request.Values[0]
            : request.Quantity;
        if (echoedAddress != request.Address || echoedField != expectedField)
        {
            throw Protocol(request, deviceId, unitId, ModbusProtocolError.WriteEchoMismatch);
        }
    }

    /// <summary>
    /// Parses an FC43/14 reply: function, MEI type 14, read code, conformity level, more follows (0x00 or 0xFF), next
    /// object id, number of objects, then per object its id, length and value (§6.21). The objects must fill the PDU
    /// exactly. A "more follows" reply to stream access must carry at least one object and name a next object id
    /// above the last one it carries, so that a continuation advances.
    /// </summary>
    public static ModbusDeviceIdResponse ParseDeviceIdentification(ReadOnlySpan<byte> pdu, ModbusRequest request, string deviceId, byte unitId)
    {
        ThrowIfNotReplyTo(pdu, request, deviceId, unitId);

        const int headerLength = 7;
        if (pdu.Length < headerLength)
        {
            throw Protocol(request, deviceId, unitId, ModbusProtocolError.MalformedPdu, pdu.Length);
        }

        var expectedReadCode = request.Pdu[2];
        var meiType = pdu[1];
        var readCode = pdu[2];
        var moreFollowsByte = pdu[4];
        if (meiType != ModbusRequest.MeiReadDeviceIdentification || readCode != expectedReadCode || moreFollowsByte is not (0x00 or 0xFF))
        {
            throw Protocol(request, deviceId, unitId, ModbusProtocolError.DeviceIdHeaderMismatch, meiType, readCode, moreFollowsByte, expectedReadCode);
        }

        var objects = ParseDeviceIdObjects(pdu, headerLength, pdu[6], request, deviceId, unitId);

        // Individual access always ends after one object, whatever the more-follows byte says.
        var individual = readCode == (byte)ModbusDeviceIdReadCode.Individual;
        var moreFollows = moreFollowsByte == 0xFF && !individual;
        var nextObjectId = pdu[5];
        if (moreFollows && (objects.Count == 0 || nextObjectId <= objects[^1].Id))
        {
            var last = objects.Count == 0 ? request.Address : objects[^1].Id;
            throw Protocol(request, deviceId, unitId, ModbusProtocolError.DeviceIdStalled, nextObjectId, last);
        }

        return new ModbusDeviceIdResponse((ModbusDeviceIdReadCode)readCode, pdu[3], moreFollows, moreFollows ? nextObjectId : (byte)0, objects);
    }

    private static List<ModbusDeviceIdObject> ParseDeviceIdObjects(
        ReadOnlySpan<byte> pdu,
        int offset,
        int count,
        ModbusRequest request,
        string deviceId,
        byte unitId)
    {
        var objects = new List<ModbusDeviceIdObject>(count);
        for (var i = 0; i < count; i++)
        {
            if (offset + 2 > pdu.Length || offset + 2 + pdu[offset + 1] > pdu.Length)
            {
                throw Protocol(request, deviceId, unitId, ModbusProtocolError.MalformedPdu, pdu.Length);
            }

            var length = pdu[offset + 1];
            objects.Add(new ModbusDeviceIdObject(pdu[offset], pdu.Slice(offset + 2, length).ToArray()));
            offset += 2 + length;
        }

        if (offset != pdu.Length)
        {
            throw Protocol(request, deviceId, unitId, ModbusProtocolError.MalformedPdu, pdu.Length);
        }

        return objects;
    }

    /// <summary>Throws for an exception response or for a function code that does not belong to the request.</summary>
    private static void ThrowIfNotReplyTo(ReadOnlySpan<byte> pdu, ModbusRequest request, string deviceId, byte unitId)
    {
        if (pdu.IsEmpty)
        {
            throw Protocol(request, deviceId, unitId, ModbusProtocolError.MalformedPdu, 0);
        }

        var function = (byte)request.Function;
        if (pdu[0] == (function | ExceptionBit))
        {
            // An exception response is exactly function | 0x80 and one exception code byte (§7).
            if (pdu.Length != 2)
            {
                throw Protocol(request, deviceId, unitId, ModbusProtocolError.MalformedPdu, pdu.Length);
            }

            throw new ModbusExceptionResponseException(deviceId, unitId, request.Function, request.Address, (ModbusExceptionCode)pdu[1]);
        }

        if (pdu[0] != function)
        {
            throw Protocol(request, deviceId, unitId, ModbusProtocolError.UnexpectedFunction, pdu[0]);
        }
    }

    private static ModbusProtocolException Protocol(
        ModbusRequest request,
        string deviceId,
        byte unitId,
        ModbusProtocolError error,
        params object[] details) =>
        new(deviceId, unitId, request.Function, request.Address, error, details);
}
