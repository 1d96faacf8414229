namespace SmartCampus.Edge.Drivers.Serial;

/// <summary>What went wrong with a serial port, so that a caller can word its own fix (a command-line option instead of a configuration key).</summary>
public enum SerialPortFault
{
    /// <summary>The device node does not exist (ENOENT, ENXIO, ENODEV).</summary>
    NotFound,

    /// <summary>The user may not open the device node (EACCES, EPERM).</summary>
    AccessDenied,

    /// <summary>Another process holds the port's lock (EBUSY, EAGAIN).</summary>
    Busy,

    /// <summary>The path is not a terminal device (ENOTTY, EISDIR).</summary>
    NotSerialPort,

    /// <summary>The baud rate has no termios speed constant.</summary>
    BaudRateUnsupported,

    /// <summary>Any other failed system call, named with its errno.</summary>
    CallFailed,

    /// <summary>The line hung up while open: the adapter was unplugged or the other end closed.</summary>
    HungUp,
}
