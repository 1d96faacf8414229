namespace SmartCampus.Edge.Drivers.Modbus.Protocol;

/// <summary>
/// Checks a reply PDU against its request and extracts the result. A transport calls it before it takes the next
/// request, because <paramref name="pdu"/> lies in the transport's reply buffer and is overwritten by the next reply.
/// The result must not refer to <paramref name="pdu"/>.
/// </summary>
/// <param name="pdu">Function code and data of the reply, an exception response included.</param>
/// <param name="request">The request the reply belongs to.</param>
/// <param name="deviceId">Device name that error messages carry.</param>
/// <param name="unitId">Unit id the request went to.</param>
internal delegate TResult ModbusReplyHandler<out TResult>(ReadOnlySpan<byte> pdu, ModbusRequest request, string deviceId, byte unitId);
