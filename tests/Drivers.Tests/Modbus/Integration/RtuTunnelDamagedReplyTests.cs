using System.Net;
using System.Net.Sockets;
using SmartCampus.Edge.Drivers.Modbus.Rtu;
using SmartCampus.Edge.Drivers.Tests.Modbus.Support;
using SmartCampus.Edge.TestPeers;

namespace SmartCampus.Edge.Drivers.Tests.Modbus.Integration;

/// <summary>
/// pymodbus's RTU server behind a TCP tunnel on 127.0.0.1, with the bus's tunnel stream wrapped so the first reply
/// arrives cut off or with a flipped bit. Through a tunnel the end of a damaged reply is found by the tunnel's 50 ms
/// silence, which the tunnel stream times itself, and the bytes of the retry must all reach the frame reader after it.
/// </summary>
public sealed class RtuTunnelDamagedReplyTests : IAsyncLifetime
{
    private const byte UnitId = 1;

    /// <summary>FC3 × 10 registers: address, function, byte count, 20 data bytes, CRC.</summary>
    private const int ReplyLength = 25;

    private static readonly TimeSpan LongDeadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Patient = TimeSpan.FromSeconds(15);
    private static readonly ushort[] Values = [.. Enumerable.Range(0, 10).Select(i => (ushort)(5000 + (3 * i)))];

    private PymodbusRtuServer? _server;

    public async Task InitializeAsync()
    {
        _server = await PymodbusRtuServer.StartAsync(new PymodbusRtuServerOptions { UnitIds = [UnitId] }, CancellationToken.None);
        await _server.SetHoldingRegistersAsync(UnitId, 0, Values, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(true, 11)]
    [InlineData(true, 2)]
    [InlineData(false, 9)]
    [InlineData(false, 24)]
    public async Task DamagedReply_RetriedThroughTunnel(bool cut, int index)
    {
        var logger = new RecordingLogger<ModbusRtuBus>();
        var port = _server!.TunnelPort;
        await using var bus = new ModbusRtuBus(
            new ModbusRtuBusOptions { TunnelHost = "127.0.0.1", TunnelPort = port, BaudRate = 9600 },
            TimeProvider.System,
            logger,
            async connectToken => Damage(await ConnectAsync(port, connectToken), cut, index));
        var client = bus.CreateClient("meter", ModbusPollPriority.Normal, LongDeadline, retries: 1);

        var registers = await client.ReadHoldingRegistersAsync(UnitId, 0, 10, CancellationToken.None).WaitAsync(Patient);

        Assert.Equal(Values, registers);
        Assert.Equal(TimeSpan.FromMilliseconds(50), bus.FrameSilence);
        var counters = client.GetCounters();
        Assert.Equal(2, counters.Requests);
        Assert.Equal(1, counters.FramingErrors);
        Assert.Equal(0, counters.Timeouts);
        Assert.Equal(1, logger.Count(2026));
    }

    private static async Task<RtuTunnelStream> ConnectAsync(int port, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
        return new RtuTunnelStream(socket, TimeProvider.System, $"127.0.0.1:{port}");
    }

    private static ReplyDamagingStream Damage(RtuTunnelStream tunnel, bool cut, int index) =>
        cut ? ReplyDamagingStream.CutFirstReply(tunnel, index, ReplyLength) : ReplyDamagingStream.CorruptFirstReply(tunnel, index);
}
