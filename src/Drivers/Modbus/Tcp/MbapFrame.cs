namespace SmartCampus.Edge.Drivers.Modbus.Tcp;

/// <summary>One Modbus TCP application data unit: MBAP header fields and the PDU they carry.</summary>
/// <param name="TransactionId">Pairs a reply with its request.</param>
/// <param name="UnitId">Unit identifier, the address of a device behind a gateway.</param>
/// <param name="Pdu">Function code and data, 1..253 bytes.</param>
internal sealed record MbapFrame(ushort TransactionId, byte UnitId, byte[] Pdu);
