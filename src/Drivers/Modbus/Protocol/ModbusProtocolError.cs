namespace SmartCampus.Edge.Drivers.Modbus.Protocol;

/// <summary>Ways a reply can break the protocol. Each is a device or link fault, never data.</summary>
public enum ModbusProtocolError
{
    /// <summary>The byte count of a read reply is not 2 × the requested quantity.</summary>
    ByteCountMismatch,

    /// <summary>The reply carries a function code that is neither the request's nor its exception form.</summary>
    UnexpectedFunction,

    /// <summary>The PDU is shorter or longer than its function and byte count require.</summary>
    MalformedPdu,

    /// <summary>The reply to a write does not echo the address, value or quantity that was written.</summary>
    WriteEchoMismatch,

    /// <summary>The MBAP protocol identifier is not 0 (MODBUS).</summary>
    InvalidProtocolId,

    /// <summary>The MBAP length field is outside 2..254.</summary>
    InvalidLength,

    /// <summary>The reply's unit id differs from the request's.</summary>
    UnitIdMismatch,

    /// <summary>Several replies in a row carried a transaction id other than the pending request's.</summary>
    TransactionIdMismatch,

    /// <summary>RTU: bytes arrived before the deadline, but no frame with a valid CRC among them.</summary>
    FramingError,

    /// <summary>A Read Device Identification reply carries another MEI type or read code than the request, or an invalid more-follows byte.</summary>
    DeviceIdHeaderMismatch,

    /// <summary>A Read Device Identification reply says more objects follow but gives no new object to continue from.</summary>
    DeviceIdStalled,
}
