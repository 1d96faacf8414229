using System.IO.Ports;
using SmartCampus.Edge.Drivers.Serial;
using static SmartCampus.Edge.Drivers.Serial.LinuxSerialInterop;

namespace SmartCampus.Edge.Drivers.Tests.Serial;

/// <summary>The termios flags <see cref="LinuxSerialSettings"/> sets for each character format, with glibc's cfmakeraw.</summary>
public sealed class LinuxSerialSettingsTests
{
    [Theory]
    [InlineData(Parity.None, 8, StopBits.One, CS8)]
    [InlineData(Parity.Even, 8, StopBits.One, CS8 | PARENB)]
    [InlineData(Parity.Odd, 7, StopBits.One, CS7 | PARENB | PARODD)]
    [InlineData(Parity.None, 8, StopBits.Two, CS8 | CSTOPB)]
    [InlineData(Parity.Mark, 7, StopBits.One, CS7 | PARENB | PARODD | CMSPAR)]
    [InlineData(Parity.Space, 8, StopBits.Two, CS8 | PARENB | CMSPAR | CSTOPB)]
    public void SetFormat_SetsFormatBits(Parity parity, int dataBits, StopBits stopBits, uint expected)
    {
        // Start from a cooked terminal with the opposite bits, so every bit the format needs is set, not inherited.
        var termios = new Termios { ControlFlags = CS7 | PARENB | PARODD | CSTOPB | CRTSCTS | CMSPAR, InputFlags = IXOFF | IXANY };

        LinuxSerialSettings.SetFormat(ref termios, parity, dataBits, stopBits);

        const uint FormatBits = CSIZE | PARENB | PARODD | CMSPAR | CSTOPB;
        Assert.Equal(expected, termios.ControlFlags & FormatBits);
        Assert.Equal(CREAD | CLOCAL, termios.ControlFlags & (CREAD | CLOCAL));
        Assert.Equal(0u, termios.ControlFlags & CRTSCTS);
        Assert.Equal(0u, termios.InputFlags & (IXOFF | IXANY));
        Assert.Equal(1, termios.ControlCharacters[VMIN]);
        Assert.Equal(0, termios.ControlCharacters[VTIME]);
    }

    [Fact]
    public void SetFormat_OnePointFiveStopBits_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
        {
            var termios = default(Termios);
            LinuxSerialSettings.SetFormat(ref termios, Parity.None, 8, StopBits.OnePointFive);
        });

    [Fact]
    public void Termios_HasGlibcSize() => Assert.Equal(60, System.Runtime.InteropServices.Marshal.SizeOf<Termios>());
}
