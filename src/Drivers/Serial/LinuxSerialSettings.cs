using System.IO.Ports;
using System.Runtime.InteropServices;
using static SmartCampus.Edge.Drivers.Serial.LinuxSerialInterop;

namespace SmartCampus.Edge.Drivers.Serial;

/// <summary>Puts a tty into raw mode with a baud rate and character format, through termios.</summary>
internal static class LinuxSerialSettings
{
    /// <summary>
    /// Applies the format to the open tty <paramref name="port"/>: raw mode (no echo, no line editing, no character
    /// mapping), no hardware or software flow control, the receiver on, modem lines ignored, and reads that return as
    /// soon as one byte is in (VMIN 1, VTIME 0), which a non-blocking descriptor turns into EAGAIN when none is.
    /// </summary>
    public static void Apply(SafeFileDescriptor port, string portName, int baudRate, Parity parity, int dataBits, StopBits stopBits)
    {
        var speed = Speed(baudRate) ?? throw SerialPortException.BaudRateUnsupported(portName, baudRate);
        if (TcGetAttr(port, out var termios) != 0)
        {
            throw SerialPortException.FromErrno(portName, "tcgetattr", Marshal.GetLastPInvokeError());
        }

        SetFormat(ref termios, parity, dataBits, stopBits);
        if (CfSetISpeed(ref termios, speed) != 0 || CfSetOSpeed(ref termios, speed) != 0)
        {
            throw SerialPortException.BaudRateUnsupported(portName, baudRate);
        }

        if (TcSetAttr(port, TCSANOW, termios) != 0)
        {
            throw SerialPortException.FromErrno(portName, "tcsetattr", Marshal.GetLastPInvokeError());
        }
    }

    /// <summary>Sets raw mode and the character format in <paramref name="termios"/>, leaving the speeds.</summary>
    internal static void SetFormat(ref Termios termios, Parity parity, int dataBits, StopBits stopBits)
    {
        CfMakeRaw(ref termios);
        termios.InputFlags &= ~(IXOFF | IXANY);
        termios.ControlFlags &= ~(CSIZE | CSTOPB | PARENB | PARODD | CMSPAR | CRTSCTS);
        termios.ControlFlags |= CREAD | CLOCAL | CharacterSize(dataBits) | ParityFlags(parity) | StopFlags(stopBits);
        termios.ControlCharacters[VMIN] = 1;
        termios.ControlCharacters[VTIME] = 0;
    }

    /// <summary>The termios speed code (Bnnn in termbits.h) of a standard rate, or null for another rate.</summary>
    internal static uint? Speed(int baudRate) => baudRate switch
    {
        300 => 0x7,
        600 => 0x8,
        1200 => 0x9,
        2400 => 0xB,
        4800 => 0xC,
        9600 => 0xD,
        19200 => 0xE,
        38400 => 0xF,
        57600 => 0x1001,
        115200 => 0x1002,
        230400 => 0x1003,
        _ => null,
    };

    private static uint CharacterSize(int dataBits) => dataBits switch
    {
        7 => CS7,
        8 => CS8,
        _ => throw new ArgumentOutOfRangeException(nameof(dataBits), dataBits, "Modbus RTU uses 7 or 8 data bits."),
    };

    private static uint ParityFlags(Parity parity) => parity switch
    {
        Parity.None => 0,
        Parity.Even => PARENB,
        Parity.Odd => PARENB | PARODD,
        Parity.Mark => PARENB | CMSPAR | PARODD,
        Parity.Space => PARENB | CMSPAR,
        _ => throw new ArgumentOutOfRangeException(nameof(parity), parity, null),
    };

    private static uint StopFlags(StopBits stopBits) => stopBits switch
    {
        StopBits.One => 0,
        StopBits.Two => CSTOPB,
        _ => throw new ArgumentOutOfRangeException(nameof(stopBits), stopBits, "A Linux tty takes 1 or 2 stop bits."),
    };
}
