using System.Diagnostics;
using System.Globalization;
using System.IO.Ports;
using SmartCampus.Edge.Drivers.Serial;
using SmartCampus.Edge.TestPeers;

namespace SmartCampus.Edge.Drivers.Tests.Serial;

/// <summary>
/// <see cref="LinuxSerialStream"/> on a socat pseudo-terminal pair: the stream under test on one end, a second
/// <see cref="LinuxSerialStream"/> as the peer on the other.
/// </summary>
public sealed class LinuxSerialStreamTests : IAsyncLifetime
{
    private static readonly TimeSpan Patient = TimeSpan.FromSeconds(10);

    private SocatPair? _pair;

    private SocatPair Pair => _pair!;

    public async Task InitializeAsync() => _pair = await SocatPair.StartAsync(CancellationToken.None);

    public async Task DisposeAsync()
    {
        if (_pair is not null)
        {
            await _pair.DisposeAsync();
        }
    }

    /// <summary>
    /// The kernel keeps a pseudo-terminal at 8 data bits without parity whatever is set, so those are checked in
    /// <see cref="LinuxSerialSettingsTests"/> and only the rest here.
    /// </summary>
    [Fact]
    public async Task Open_SetsRawModeSpeedAndStopBits()
    {
        using var port = LinuxSerialStream.Open(Pair.PathB, 19200, Parity.None, 8, StopBits.Two);

        var settings = await SttyAsync(Pair.PathB);

        Assert.Contains("speed 19200 baud", settings, StringComparison.Ordinal);
        var flags = settings.Split([' ', ';', '\n'], StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("cs8", flags);
        Assert.Contains("-parenb", flags);
        Assert.Contains("cstopb", flags);
        Assert.Contains("-crtscts", flags);
        Assert.Contains("clocal", flags);
        Assert.Contains("-icanon", flags);
        Assert.Contains("-echo", flags);
        Assert.Contains("-icrnl", flags);
        Assert.Contains("-ixon", flags);
        Assert.Contains("-ixoff", flags);
        Assert.Contains("-opost", flags);
    }

    [Fact]
    public async Task Read_ReturnsBytesWrittenByPeer()
    {
        using var port = OpenB();
        using var peer = OpenA();

        await peer.WriteAsync(new byte[] { 1, 2, 3 });
        var received = await ReadExactlyAsync(port, 3);

        Assert.Equal(new byte[] { 1, 2, 3 }, received);
    }

    [Fact]
    public async Task Write_GoesToPeer()
    {
        using var port = OpenB();
        using var peer = OpenA();

        await port.WriteAsync(new byte[] { 0x11, 0x03, 0x00 });
        var received = await ReadExactlyAsync(peer, 3);

        Assert.Equal(new byte[] { 0x11, 0x03, 0x00 }, received);
    }

    [Fact]
    public async Task TimedRead_TimeoutKeepsLaterBytes()
    {
        using var port = OpenB();
        using var peer = OpenA();
        var buffer = new byte[16];

        var started = Stopwatch.GetTimestamp();
        var read = await port.ReadAsync(buffer, TimeSpan.FromMilliseconds(50), CancellationToken.None);
        var waited = Stopwatch.GetElapsedTime(started);

        Assert.Equal(-1, read);
        Assert.True(waited >= TimeSpan.FromMilliseconds(45), $"The read returned after {waited.TotalMilliseconds} ms.");

        // A byte that arrives after a timeout belongs to the next read.
        await peer.WriteAsync(new byte[] { 42 });
        read = await port.ReadAsync(buffer, Patient, CancellationToken.None);

        Assert.Equal(1, read);
        Assert.Equal(42, buffer[0]);
    }

    [Fact]
    public async Task TimedRead_CompletesWhenBytesArrive()
    {
        using var port = OpenB();
        using var peer = OpenA();
        var buffer = new byte[16];

        var pending = port.ReadAsync(buffer, Patient, CancellationToken.None);
        Assert.False(pending.IsCompleted);
        await Task.Delay(20);
        await peer.WriteAsync(new byte[] { 7, 8 });
        var read = await pending;

        Assert.InRange(read, 1, 2);
        Assert.Equal(7, buffer[0]);
    }

    [Fact]
    public async Task Read_Cancelled_ThrowsAndPortStaysUsable()
    {
        using var port = OpenB();
        using var peer = OpenA();
        using var cancel = new CancellationTokenSource();
        var buffer = new byte[16];

        var pending = port.ReadAsync(buffer, Timeout.InfiniteTimeSpan, cancel.Token);
        await cancel.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending.AsTask().WaitAsync(Patient));
        Assert.Equal(cancel.Token, error.CancellationToken);

        await peer.WriteAsync(new byte[] { 9 });
        var read = await port.ReadAsync(buffer, Patient, CancellationToken.None);
        Assert.Equal(1, read);
        Assert.Equal(9, buffer[0]);
    }

    [Fact]
    public async Task Read_SecondWhileFirstWaits_Throws()
    {
        using var port = OpenB();
        using var cancel = new CancellationTokenSource();

        var first = port.ReadAsync(new byte[16], Timeout.InfiniteTimeSpan, cancel.Token);

        await Assert.ThrowsAsync<InvalidOperationException>(() => port.ReadAsync(new byte[16], Patient, CancellationToken.None).AsTask());
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.AsTask().WaitAsync(Patient));
    }

    [Fact]
    public async Task Dispose_EndsWaitingRead()
    {
        var port = OpenB();
        var pending = port.ReadAsync(new byte[16], Timeout.InfiniteTimeSpan, CancellationToken.None);
        Assert.True(port.IsReaderRunning);

        await Task.Run(port.Dispose).WaitAsync(Patient);

        Assert.False(port.IsReaderRunning);

        await Assert.ThrowsAsync<ObjectDisposedException>(() => pending.AsTask().WaitAsync(Patient));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => port.ReadAsync(new byte[16], Patient, CancellationToken.None).AsTask());

        // The descriptor and its lock are gone, so the port opens again.
        using var reopened = OpenB();
    }

    [Fact]
    public void Open_SecondTime_ReportsPortInUse()
    {
        using var port = OpenB();

        var error = Assert.Throws<SerialPortException>(OpenB);

        Assert.Equal(Pair.PathB, error.PortName);
        Assert.Contains("in use", error.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_PeerGone_ReportsHangUp()
    {
        using var port = OpenB();
        var pending = port.ReadAsync(new byte[16], Timeout.InfiniteTimeSpan, CancellationToken.None);

        await Pair.DisposeAsync();
        _pair = null;

        var error = await Assert.ThrowsAsync<SerialPortException>(() => pending.AsTask().WaitAsync(Patient));
        Assert.Contains("hung up", error.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void Open_MissingPath_NamesPathAndFix()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-tty-" + Guid.NewGuid().ToString("N"));

        var error = Assert.Throws<SerialPortException>(() => LinuxSerialStream.Open(path, 9600, Parity.None, 8, StopBits.One));

        Assert.Equal(2, error.Errno); // ENOENT
        var english = error.GetMessage(CultureInfo.InvariantCulture);
        Assert.Contains(path, english, StringComparison.Ordinal);
        Assert.Contains("does not exist", english, StringComparison.Ordinal);
        var chinese = error.GetMessage(CultureInfo.GetCultureInfo("zh-CN"));
        Assert.Contains(path, chinese, StringComparison.Ordinal);
        Assert.Contains("不存在", chinese, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_RegularFile_ReportsNotSerialPort()
    {
        var path = Path.GetTempFileName();
        try
        {
            var error = Assert.Throws<SerialPortException>(() => LinuxSerialStream.Open(path, 9600, Parity.None, 8, StopBits.One));

            Assert.Equal(25, error.Errno); // ENOTTY
            Assert.Contains($"{path} is not a serial port", error.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Open_UnsupportedBaudRate_NamesRate()
    {
        var error = Assert.Throws<SerialPortException>(() => LinuxSerialStream.Open(Pair.PathB, 12345, Parity.None, 8, StopBits.One));

        Assert.Contains("12345", error.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);

        // The failed open closed its descriptor, so the port opens now.
        using var port = OpenB();
    }

    private LinuxSerialStream OpenA() => LinuxSerialStream.Open(Pair.PathA, 115200, Parity.None, 8, StopBits.One);

    private LinuxSerialStream OpenB() => LinuxSerialStream.Open(Pair.PathB, 115200, Parity.None, 8, StopBits.One);

    private static async Task<byte[]> ReadExactlyAsync(LinuxSerialStream stream, int count)
    {
        var buffer = new byte[count];
        var filled = 0;
        while (filled < count)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(filled), Patient, CancellationToken.None);
            Assert.True(read > 0, $"The read ended with {read} after {filled} of {count} bytes.");
            filled += read;
        }

        return buffer;
    }

    private static async Task<string> SttyAsync(string path)
    {
        var start = new ProcessStartInfo("stty") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-F");
        start.ArgumentList.Add(path);
        start.ArgumentList.Add("-a");
        using var stty = Process.Start(start)!;
        var output = await stty.StandardOutput.ReadToEndAsync();
        await stty.WaitForExitAsync();
        Assert.Equal(0, stty.ExitCode);
        return output;
    }
}
