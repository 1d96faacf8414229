namespace SmartCampus.Edge.Drivers.Modbus.Protocol;

/// <summary>One FC43/14 reply: the objects that fitted into it and where to continue (§6.21).</summary>
public sealed class ModbusDeviceIdResponse
{
    internal ModbusDeviceIdResponse(
        ModbusDeviceIdReadCode readCode,
        byte conformityLevel,
        bool moreFollows,
        byte nextObjectId,
        IReadOnlyList<ModbusDeviceIdObject> objects)
    {
        ReadCode = readCode;
        ConformityLevel = conformityLevel;
        MoreFollows = moreFollows;
        NextObjectId = nextObjectId;
        Objects = objects;
    }

    public ModbusDeviceIdReadCode ReadCode { get; }

    /// <summary>
    /// Identification level and access types the device supports: 0x01 basic, 0x02 regular, 0x03 extended, each
    /// with bit 0x80 set when the device also supports individual access.
    /// </summary>
    public byte ConformityLevel { get; }

    /// <summary>True (0xFF on the wire) when the objects did not fit into one reply and a further request must ask from <see cref="NextObjectId"/>.</summary>
    public bool MoreFollows { get; }

    /// <summary>Object id the next request of a stream access starts at; 0 when nothing follows.</summary>
    public byte NextObjectId { get; }

    public IReadOnlyList<ModbusDeviceIdObject> Objects { get; }
}
