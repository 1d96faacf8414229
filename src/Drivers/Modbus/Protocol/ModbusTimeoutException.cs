using System.Globalization;

namespace SmartCampus.Edge.Drivers.Modbus.Protocol;

/// <summary>No matching reply arrived before the request's deadline.</summary>
public sealed class ModbusTimeoutException : ModbusException
{
    internal ModbusTimeoutException(
        string deviceId,
        byte unitId,
        ModbusFunctionCode function,
        ushort address,
        TimeSpan timeout)
        : base(deviceId, unitId, function, address)
    {
        Timeout = timeout;
    }

    public TimeSpan Timeout { get; }

    public override string GetMessage(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);

        var milliseconds = (long)Timeout.TotalMilliseconds;
        return ModbusText.Format(culture, "Timeout", DeviceId, UnitId, (byte)Function, Address, milliseconds);
    }
}
