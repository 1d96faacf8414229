using System.Text;

namespace SmartCampus.Edge.Drivers.Modbus.Protocol;

/// <summary>One object of a device identification: its object id and its value as sent (§6.21).</summary>
/// <param name="Id">0x00 vendor name, 0x01 product code, 0x02 revision, 0x03..0x06 regular, 0x80..0xFF private.</param>
/// <param name="Value">The bytes as sent. The specification types objects 0x00..0x06 as ASCII strings.</param>
public sealed record ModbusDeviceIdObject(byte Id, byte[] Value)
{
    /// <summary>The value read as ASCII, with bytes above 0x7F replaced by '?'.</summary>
    public string Text => Encoding.ASCII.GetString(Value);
}
