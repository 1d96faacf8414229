using System.Globalization;

namespace SmartCampus.Edge.Drivers.Modbus.Protocol;

/// <summary>The device (or something on the link) sent a reply that breaks the Modbus protocol.</summary>
public sealed class ModbusProtocolException : ModbusException
{
    private readonly object[] _details;

    internal ModbusProtocolException(
        string deviceId,
        byte unitId,
        ModbusFunctionCode function,
        ushort address,
        ModbusProtocolError error,
        params object[] details)
        : base(deviceId, unitId, function, address)
    {
        Error = error;
        _details = details;
    }

    public ModbusProtocolError Error { get; }

    public override string GetMessage(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);

        var reason = ModbusText.Format(culture, "ProtocolError" + Error, _details);
        return ModbusText.Format(culture, "InvalidReply", DeviceId, UnitId, (byte)Function, Address, reason);
    }
}
