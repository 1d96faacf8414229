using System.Globalization;

namespace SmartCampus.Edge.Drivers.Modbus.Protocol;

/// <summary>The TCP connection to the device could not be opened, or broke during the request.</summary>
public sealed class ModbusConnectionException : ModbusException
{
    internal ModbusConnectionException(
        string deviceId,
        byte unitId,
        ModbusFunctionCode function,
        ushort address,
        string endpoint,
        bool connected,
        Exception innerException)
        : base(deviceId, unitId, function, address, innerException)
    {
        Endpoint = endpoint;
        WasConnected = connected;
    }

    /// <summary>The device's address as <c>host:port</c>.</summary>
    public string Endpoint { get; }

    /// <summary>True when the connection was open and then broke, false when it could not be opened.</summary>
    public bool WasConnected { get; }

    public override string GetMessage(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);

        var key = WasConnected ? "ConnectionLost" : "ConnectFailed";
        var cause = InnerException?.Message ?? string.Empty;
        return ModbusText.Format(culture, key, DeviceId, Endpoint, UnitId, (byte)Function, Address, cause);
    }
}
