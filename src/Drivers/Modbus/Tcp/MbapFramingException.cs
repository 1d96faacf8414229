using SmartCampus.Edge.Drivers.Modbus.Protocol;

namespace SmartCampus.Edge.Drivers.Modbus.Tcp;

/// <summary>
/// An MBAP header that cannot start a frame. The byte stream has lost its frame boundaries, so the connection must
/// be closed. The client turns this into a <see cref="ModbusProtocolException"/> for the pending request.
/// </summary>
internal sealed class MbapFramingException : Exception
{
    public MbapFramingException(ModbusProtocolError error, int value)
        : base($"MBAP header rejected: {error} ({value}).")
    {
        Error = error;
        Value = value;
    }

    public ModbusProtocolError Error { get; }

    /// <summary>The protocol id or length field as received.</summary>
    public int Value { get; }
}
