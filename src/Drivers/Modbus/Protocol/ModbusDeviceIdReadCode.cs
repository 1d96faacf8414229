namespace SmartCampus.Edge.Drivers.Modbus.Protocol;

/// <summary>Read Device ID code of an FC43/14 request: which objects one request asks for (§6.21).</summary>
public enum ModbusDeviceIdReadCode : byte
{
    /// <summary>Stream access to the basic objects 0x00..0x02: vendor name, product code, revision. Mandatory.</summary>
    Basic = 0x01,

    /// <summary>Stream access to the regular objects 0x00..0x06, which adds vendor URL, product, model and application names.</summary>
    Regular = 0x02,

    /// <summary>Stream access to the regular objects and the private objects 0x80..0xFF.</summary>
    Extended = 0x03,

    /// <summary>One object, named by its object id.</summary>
    Individual = 0x04,
}
