using System.Globalization;
using System.Net.Sockets;
using SmartCampus.Edge.Drivers.Modbus.Protocol;
using SmartCampus.Edge.Drivers.Serial;

namespace SmartCampus.Edge.Gateway.CommandLine.Modbus;

/// <summary>
/// The text for a failed <c>modbus</c> request: the driver's message with the next step a technician takes at the
/// command line, or the command's own text where the driver's would name campus.yaml keys the command did not use.
/// </summary>
internal static class ModbusErrorText
{
    /// <summary>
    /// Returns the text for <paramref name="exception"/>. A TCP connect failure of a device given by <c>--host</c>
    /// names host:port and the options to check; a serial port that will not open names <c>--serial</c>, or the
    /// service when the port is busy. An exception response gets the number of registers or bits asked for
    /// (<paramref name="quantity"/>, when known), because the driver names only the start address and a request that
    /// runs past the device's last register fails as well.
    /// </summary>
    public static string For(ModbusLinkSettings link, ModbusException exception, int? quantity)
    {
        ArgumentNullException.ThrowIfNull(exception);

        if (link.FromHostOption && exception is ModbusConnectionException { WasConnected: false } connect)
        {
            return ConnectText(connect);
        }

        if (exception is ModbusConnectionException { IsSerial: true, WasConnected: false, InnerException: SerialPortException serial }
            && SerialOpenKey(serial.Fault, link.FromSerialOption) is { } serialKey)
        {
            return ModbusCliText.Format(serialKey, serial.PortName);
        }

        return exception switch
        {
            ModbusExceptionResponseException when quantity is { } count => WithNextStep(
                exception.Message,
                ModbusCliText.Format(IsBitFunction(exception.Function) ? "RequestRangeBits" : "RequestRangeRegisters", exception.Address, count)),
            ModbusTimeoutException => WithNextStep(exception.Message, ModbusCliText.Get(TimeoutNextStepKey(link.Bus is not null, link.Points.Count > 0))),
            _ => exception.Message,
        };
    }

    /// <summary>
    /// Returns the text for a failed request to a device configured in campus.yaml, as the console's diagnostics
    /// show it: a timeout gets the next step naming the device's campus.yaml keys, as at the command line.
    /// </summary>
    public static string ForConfiguredDevice(ModbusException exception, bool isRtu)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception is ModbusTimeoutException
            ? WithNextStep(exception.Message, ModbusCliText.Get(TimeoutNextStepKey(isRtu, fromConfiguration: true)))
            : exception.Message;
    }

    /// <summary>Joins a message and its next step: with a space in English, directly after the full stop in Chinese.</summary>
    public static string WithNextStep(string message, string nextStep) => ModbusCliText.Format("MessageWithNextStep", message, nextStep);

    /// <summary>Returns the exception code with its meaning, such as "exception code 02 (illegal data address)".</summary>
    public static string ExceptionCode(ModbusExceptionResponseException exception) =>
        ModbusCliText.Format(
            "ScanException",
            ((byte)exception.Code).ToString("X2", CultureInfo.InvariantCulture),
            exception.DescribeCode(CultureInfo.CurrentUICulture));

    private static bool IsBitFunction(ModbusFunctionCode function) =>
        function is ModbusFunctionCode.ReadCoils or ModbusFunctionCode.ReadDiscreteInputs or ModbusFunctionCode.WriteSingleCoil or ModbusFunctionCode.WriteMultipleCoils;

    /// <summary>The next step after a timeout names the options that gave the unit id and line settings, or the campus.yaml keys.</summary>
    private static string TimeoutNextStepKey(bool isRtu, bool fromConfiguration) => (isRtu, fromConfiguration) switch
    {
        (false, false) => "TimeoutNextStepTcp",
        (false, true) => "TimeoutNextStepTcpConfig",
        (true, false) => "TimeoutNextStepRtu",
        (true, true) => "TimeoutNextStepRtuConfig",
    };

    /// <summary>
    /// The text for a serial port that did not open. A port given by <c>--serial</c> gets text naming that option.
    /// A campus.yaml device keeps the driver's text, which names its configuration, unless the port is busy: at the
    /// command line that usually means the running service has the port open.
    /// </summary>
    private static string? SerialOpenKey(SerialPortFault fault, bool fromSerialOption) => fault switch
    {
        SerialPortFault.Busy => "SerialBusy",
        SerialPortFault.NotFound when fromSerialOption => "SerialNotFound",
        SerialPortFault.AccessDenied when fromSerialOption => "SerialAccessDenied",
        SerialPortFault.NotSerialPort when fromSerialOption => "SerialNotTty",
        _ => null,
    };

    private static string ConnectText(ModbusConnectionException connect)
    {
        var key = FindSocketError(connect) switch
        {
            SocketError.ConnectionRefused => "HostConnectRefused",
            SocketError.TimedOut => "HostConnectTimedOut",
            SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.NetworkDown or SocketError.HostDown => "HostConnectUnreachable",
            SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData => "HostConnectUnknown",
            _ => "HostConnectFailed",
        };
        return ModbusCliText.Format(key, connect.Endpoint, connect.InnerException?.Message);
    }

    private static SocketError? FindSocketError(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is SocketException socket)
            {
                return socket.SocketErrorCode;
            }
        }

        return null;
    }
}
