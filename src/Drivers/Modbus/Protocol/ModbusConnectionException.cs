using System.Globalization;
using System.Net.Sockets;
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

        var socketError = FindSocketError(InnerException);
        var key = (IsSerial, WasConnected) switch
        {
            (true, true) => "SerialLost",
            // The serial port's own text already names the fix, so the general one is not added after it.
            (true, false) => InnerException is SerialPortException ? "SerialOpenFailedCause" : "SerialOpenFailed",
            (false, true) => "ConnectionLost",
            (false, false) => ConnectFailedKey(socketError),
        };
        var cause = InnerException switch
        {
            SerialPortException serialError => serialError.GetMessage(culture),
            _ when socketError is { } error && CauseKey(error) is { } causeKey => ModbusText.Format(culture, causeKey),
            _ => InnerException?.Message ?? string.Empty,
        };
        return ModbusText.Format(culture, key, DeviceId, Endpoint, UnitId, (byte)Function, Address, cause);
    }

    /// <summary>
    /// The text for a TCP connect that failed: one per socket error a technician can act on, each naming its own fix,
    /// or the general one with the cause.
    /// </summary>
    private static string ConnectFailedKey(SocketError? error) => error switch
    {
        SocketError.ConnectionRefused => "ConnectRefused",
        SocketError.TimedOut => "ConnectSocketTimedOut",
        SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.NetworkDown or SocketError.HostDown => "ConnectUnreachable",
        SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData => "ConnectHostUnknown",
        _ => "ConnectFailed",
    };

    /// <summary>
    /// A localized cause for the socket errors that end a connection, because the operating system's text is English
    /// only. Returns null for other errors, whose own text is kept.
    /// </summary>
    private static string? CauseKey(SocketError error) => error switch
    {
        SocketError.ConnectionReset => "CauseConnectionReset",
        SocketError.ConnectionAborted or SocketError.Shutdown => "CauseConnectionAborted",
        SocketError.TimedOut => "CauseTimedOut",
        _ => null,
    };

    /// <summary>The error code of the first <see cref="SocketException"/> in the chain; a network stream wraps it in an <see cref="IOException"/>.</summary>
    private static SocketError? FindSocketError(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is SocketException socket)
            {
                return socket.SocketErrorCode;
            }
        }

        return null;
    }
}
