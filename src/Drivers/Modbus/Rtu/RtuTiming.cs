using System.IO.Ports;

namespace SmartCampus.Edge.Drivers.Modbus.Rtu;

/// <summary>Character and silence times of a serial line (Modbus over Serial Line v1.02 §2.5.1.1).</summary>
public static class RtuTiming
{
    /// <summary>Above this baud rate the specification fixes the inter-frame silence at 1.75 ms.</summary>
    private const int FixedTimingAboveBaud = 19200;

    private static readonly TimeSpan FixedSilence = TimeSpan.FromMicroseconds(1750);

    /// <summary>Bits of one character: start bit, data bits, parity bit if any, stop bits.</summary>
    public static double BitsPerCharacter(int dataBits, Parity parity, StopBits stopBits)
    {
        var stop = stopBits switch
        {
            StopBits.OnePointFive => 1.5,
            StopBits.Two => 2,
            _ => 1,
        };
        return 1 + dataBits + (parity == Parity.None ? 0 : 1) + stop;
    }

    /// <summary>Time one character takes on the wire.</summary>
    public static TimeSpan CharacterTime(int baudRate, int dataBits, Parity parity, StopBits stopBits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(baudRate, 1);
        return TimeSpan.FromSeconds(BitsPerCharacter(dataBits, parity, stopBits) / baudRate);
    }

    /// <summary>3.5 character times, or 1.75 ms above 19200 baud: the silence that ends a frame.</summary>
    public static TimeSpan FrameSilence(int baudRate, int dataBits, Parity parity, StopBits stopBits) =>
        baudRate > FixedTimingAboveBaud ? FixedSilence : CharacterTime(baudRate, dataBits, parity, stopBits) * 3.5;

    /// <summary>Time <paramref name="bytes"/> characters take on the wire.</summary>
    public static TimeSpan WireTime(int bytes, int baudRate, int dataBits, Parity parity, StopBits stopBits) =>
        CharacterTime(baudRate, dataBits, parity, stopBits) * bytes;
}
