using System.Globalization;
using SmartCampus.Edge.Drivers.Serial;

namespace SmartCampus.Edge.Drivers.Modbus.Protocol;

/// <summary>The TCP connection or serial port of the device could not be opened, or broke during the request.</summary>
public sealed class ModbusConnectionException : ModbusException
{
    internal ModbusConnectionException(
        string deviceId,
        byte unitId,
        ModbusFunctionCode function,
        ushort address,
        string endpoint,
        bool connected,
        Exception innerException,
        bool serial = false)
        : base(deviceId, unitId, function, address, innerException)
    {
        Endpoint = endpoint;
        WasConnected = connected;
        IsSerial = serial;
    }

    /// <summary>The device's address as <c>host:port</c>, or the serial port's name.</summary>
    public string Endpoint { get; }

    /// <summary>True when the connection was open and then broke, false when it could not be opened.</summary>
    public bool WasConnected { get; }

    /// <summary>True for a serial port, false for a TCP connection (RTU over TCP included).</summary>
    public bool IsSerial { get; }

    public override string GetMessage(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);

        var key = (IsSerial, WasConnected) switch
        {
            (true, true) => "SerialLost",
            (true, false) => "SerialOpenFailed",
            (false, true) => "ConnectionLost",
            (false, false) => "ConnectFailed",
        };
        var cause = InnerException is SerialPortException serialError ? serialError.GetMessage(culture) : InnerException?.Message ?? string.Empty;
        return ModbusText.Format(culture, key, DeviceId, Endpoint, UnitId, (byte)Function, Address, cause);
    }
}
