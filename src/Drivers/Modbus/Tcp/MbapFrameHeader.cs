namespace SmartCampus.Edge.Drivers.Modbus.Tcp;

/// <summary>The MBAP header fields of a frame whose PDU stays in <see cref="MbapFrameReader.Pdu"/>.</summary>
/// <param name="TransactionId">Pairs a reply with its request.</param>
/// <param name="UnitId">Unit identifier, the address of a device behind a gateway.</param>
internal readonly record struct MbapFrameHeader(ushort TransactionId, byte UnitId);
