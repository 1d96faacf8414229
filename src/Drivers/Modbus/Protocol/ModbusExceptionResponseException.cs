using System.Globalization;

namespace SmartCampus.Edge.Drivers.Modbus.Protocol;

/// <summary>
/// The device sent an exception response: function code with bit 0x80 set and one exception code byte
/// (Modbus Application Protocol v1.1b3 §7). The device is reachable, but it rejected this request.
/// </summary>
public sealed class ModbusExceptionResponseException : ModbusException
{
    internal ModbusExceptionResponseException(
        string deviceId,
        byte unitId,
        ModbusFunctionCode function,
        ushort address,
        ModbusExceptionCode code)
        : base(deviceId, unitId, function, address)
    {
        Code = code;
    }

    /// <summary>The exception code as received, kept even when it is none of the enum's named members.</summary>
    public ModbusExceptionCode Code { get; }

    /// <summary>Returns the meaning of <see cref="Code"/> in <paramref name="culture"/>, such as "illegal data address".</summary>
    public string DescribeCode(CultureInfo culture) => ModbusText.DescribeExceptionCode(culture, Code);

    public override string GetMessage(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);

        var meaning = ModbusText.DescribeExceptionCode(culture, Code);
        var code = ((byte)Code).ToString("X2", CultureInfo.InvariantCulture);
        return ModbusText.Format(culture, "ExceptionResponse", DeviceId, UnitId, (byte)Function, Address, meaning, code);
    }
}
