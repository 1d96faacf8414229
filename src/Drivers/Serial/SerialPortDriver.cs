namespace SmartCampus.Edge.Drivers.Serial;

/// <summary>The code that opens and runs a local serial port.</summary>
public enum SerialPortDriver
{
    /// <summary><see cref="Linux"/> on Linux, <see cref="SystemIOPorts"/> elsewhere.</summary>
    Auto,

    /// <summary>
    /// The gateway's own stream on libc (<c>open</c>, termios, <c>ppoll</c>): a poll allocates only its decoded values.
    /// Linux only.
    /// </summary>
    Linux,

    /// <summary>
    /// .NET's System.IO.Ports, for sites whose adapter misbehaves with <see cref="Linux"/>. On Linux each read that has
    /// to wait allocates its task, about 560 B per poll measured on a pty pair.
    /// </summary>
    SystemIOPorts,
}
