using System.Globalization;

namespace SmartCampus.Edge.Drivers.Modbus.Protocol;

/// <summary>
/// Base of the faults a Modbus request can end in. Each names the device, unit id, function and start address, and
/// <see cref="Exception.Message"/> is operator text in <see cref="CultureInfo.CurrentUICulture"/> at the time it is read.
/// </summary>
public abstract class ModbusException : Exception
{
    private protected ModbusException(
        string deviceId,
        byte unitId,
        ModbusFunctionCode function,
        ushort address,
        Exception? innerException = null)
        : base(null, innerException)
    {
        DeviceId = deviceId;
        UnitId = unitId;
        Function = function;
        Address = address;
    }

    public string DeviceId { get; }

    public byte UnitId { get; }

    public ModbusFunctionCode Function { get; }

    /// <summary>Start address of the request, zero-based as sent on the wire.</summary>
    public ushort Address { get; }

    public override string Message => GetMessage(CultureInfo.CurrentUICulture);

    /// <summary>Formats the operator message in <paramref name="culture"/> (en or zh-CN).</summary>
    public abstract string GetMessage(CultureInfo culture);
}
