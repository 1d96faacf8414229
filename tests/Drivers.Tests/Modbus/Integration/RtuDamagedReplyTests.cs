using System.IO.Ports;
using SmartCampus.Edge.Drivers.Modbus.Rtu;
using SmartCampus.Edge.Drivers.Serial;
using SmartCampus.Edge.Drivers.Tests.Modbus.Support;
using SmartCampus.Edge.TestPeers;

namespace SmartCampus.Edge.Drivers.Tests.Modbus.Integration;

/// <summary>
/// pymodbus's RTU server on a socat pseudo-terminal pair, with the client's end (a Linux serial stream) wrapped so the
/// first reply arrives cut off or with a flipped bit. The bus must end that attempt at the silence after it, flush, and
/// retry, long before the device's deadline.
/// </summary>
public sealed class RtuDamagedReplyTests : IAsyncLifetime
{
    private const byte UnitId = 1;

    /// <summary>FC3 × 10 registers: address, function, byte count, 20 data bytes, CRC.</summary>
    private const int ReplyLength = 25;

    private static readonly TimeSpan LongDeadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Patient = TimeSpan.FromSeconds(15);
    private static readonly ushort[] Values = [.. Enumerable.Range(0, 10).Select(i => (ushort)(4000 + (7 * i)))];

    private SocatPair? _pair;
    private PymodbusRtuServer? _server;

    public async Task InitializeAsync()
    {
        _pair = await SocatPair.StartAsync(CancellationToken.None);
        _server = await PymodbusRtuServer.StartAsync(
            new PymodbusRtuServerOptions { SerialPath = _pair.PathA, UnitIds = [UnitId] },
            CancellationToken.None);
        await _server.SetHoldingRegistersAsync(UnitId, 0, Values, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_pair is not null)
        {
            await _pair.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(true, 11)]
    [InlineData(true, 2)]
    [InlineData(false, 9)]
    [InlineData(false, 24)]
    public async Task DamagedReply_RetriedOnRealPeer(bool cut, int index)
    {
        var logger = new RecordingLogger<ModbusRtuBus>();
        await using var bus = new ModbusRtuBus(
            new ModbusRtuBusOptions { PortName = _pair!.PathB, BaudRate = 9600 },
            TimeProvider.System,
            logger,
            _ => ValueTask.FromResult<Stream>(Open(_pair.PathB, cut, index)));
        var client = bus.CreateClient("meter", ModbusPollPriority.Normal, LongDeadline, retries: 1);

        var registers = await client.ReadHoldingRegistersAsync(UnitId, 0, 10, CancellationToken.None).WaitAsync(Patient);

        Assert.Equal(Values, registers);
        var counters = client.GetCounters();
        Assert.Equal(2, counters.Requests);
        Assert.Equal(1, counters.FramingErrors);
        Assert.Equal(0, counters.Timeouts);
        Assert.Equal(1, logger.Count(2026));
    }

    private static ReplyDamagingStream Open(string path, bool cut, int index)
    {
        var line = LinuxSerialStream.Open(path, 9600, Parity.None, 8, StopBits.One);
        return cut ? ReplyDamagingStream.CutFirstReply(line, index, ReplyLength) : ReplyDamagingStream.CorruptFirstReply(line, index);
    }
}
