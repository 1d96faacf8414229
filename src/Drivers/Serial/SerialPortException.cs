using System.Globalization;
using System.Runtime.InteropServices;

namespace SmartCampus.Edge.Drivers.Serial;

/// <summary>
/// A serial port could not be opened or configured, or failed while open. <see cref="Exception.Message"/> names the
/// port and the fix in <see cref="CultureInfo.CurrentUICulture"/> at the time it is read.
/// </summary>
public sealed class SerialPortException : IOException
{
    private readonly string _key;
    private readonly object?[] _arguments;

    private SerialPortException(string portName, int errno, SerialPortFault fault, params object?[] arguments)
        : base(null)
    {
        PortName = portName;
        Errno = errno;
        Fault = fault;
        _key = fault switch
        {
            SerialPortFault.NotFound => "PortNotFound",
            SerialPortFault.Busy => "PortBusy",
            SerialPortFault.HungUp => "LineHungUp",
            _ => fault.ToString(),
        };
        _arguments = [portName, .. arguments];
    }

    public string PortName { get; }

    public SerialPortFault Fault { get; }

    /// <summary>The Linux errno of the failed call, 0 when the port broke without one (a hang-up).</summary>
    public int Errno { get; }

    public override string Message => GetMessage(CultureInfo.CurrentUICulture);

    /// <summary>Formats the operator message in <paramref name="culture"/> (en or zh-CN).</summary>
    public string GetMessage(CultureInfo culture) => SerialText.Format(culture, _key, _arguments);

    /// <summary>
    /// Maps the errno of <c>open</c>, <c>flock</c> or <c>tcgetattr</c> on <paramref name="portName"/> to the error an
    /// operator can act on: missing device, permission, port in use, not a terminal, or the call and errno as they are.
    /// </summary>
    internal static SerialPortException FromErrno(string portName, string call, int errno) => errno switch
    {
        LinuxSerialInterop.ENOENT or LinuxSerialInterop.ENXIO or LinuxSerialInterop.ENODEV =>
            new(portName, errno, SerialPortFault.NotFound),
        LinuxSerialInterop.EACCES or LinuxSerialInterop.EPERM => new(portName, errno, SerialPortFault.AccessDenied),
        LinuxSerialInterop.EBUSY or LinuxSerialInterop.EAGAIN => new(portName, errno, SerialPortFault.Busy),
        LinuxSerialInterop.ENOTTY or LinuxSerialInterop.EISDIR => new(portName, errno, SerialPortFault.NotSerialPort),
        _ => Failed(portName, call, errno),
    };

    /// <summary>A call on an open port failed, named with its errno.</summary>
    internal static SerialPortException Failed(string portName, string call, int errno) =>
        new(portName, errno, SerialPortFault.CallFailed, call, errno, Marshal.GetPInvokeErrorMessage(errno));

    internal static SerialPortException BaudRateUnsupported(string portName, int baudRate) =>
        new(portName, 0, SerialPortFault.BaudRateUnsupported, baudRate);

    internal static SerialPortException HungUp(string portName) => new(portName, 0, SerialPortFault.HungUp);
}
