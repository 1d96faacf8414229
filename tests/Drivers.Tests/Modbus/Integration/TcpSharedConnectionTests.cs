using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Modbus.Points;
using SmartCampus.Edge.Drivers.Modbus.Tcp;
using SmartCampus.Edge.Drivers.Tests.Modbus.Support;
using SmartCampus.Edge.TestPeers;

namespace SmartCampus.Edge.Drivers.Tests.Modbus.Integration;

/// <summary>Two devices behind one TCP gateway share one <see cref="ModbusTcpClient"/>: one connection, one queue.</summary>
public sealed class TcpSharedConnectionTests
{
    [Fact]
    public async Task TwoDevices_OneConnection()
    {
        await using var server = await PymodbusServer.StartAsync(
            new PymodbusServerOptions { HoldingRegisters = new Dictionary<ushort, ushort> { [0] = 900, [1] = 215 } },
            CancellationToken.None);
        var logger = new RecordingLogger<ModbusTcpDevice>();
        var clock = new GatewayClock(TimeProvider.System, "test-boot");
        await using var shared = new ModbusTcpClient(
            new ModbusTcpClientOptions { DeviceId = "gateway", Host = "127.0.0.1", Port = server.Port, Timeout = TimeSpan.FromSeconds(2) },
            TimeProvider.System,
            logger);

        await using var first = new ModbusTcpDevice(Options("room201", server.Port, 0), shared, clock, logger);
        await using var second = new ModbusTcpDevice(Options("room202", server.Port, 1), shared, clock, logger);
        var sink = new ModbusRecordingSink();
        using var stop = new CancellationTokenSource();
        var runs = new[] { first.RunAsync(sink, stop.Token), second.RunAsync(sink, stop.Token) };

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (Good(sink, "room201") < 5 || Good(sink, "room202") < 5)
        {
            Assert.True(DateTime.UtcNow < deadline, "The devices did not poll in time.");
            await Task.Delay(20);
        }

        await stop.CancelAsync();
        await Task.WhenAll(runs);

        Assert.All(sink.Samples.Where(s => s.Point.Device == "room201"), s => Assert.Equal(900, s.Value.Number));
        Assert.All(sink.Samples.Where(s => s.Point.Device == "room202"), s => Assert.Equal(215, s.Value.Number));
        Assert.Equal(1, logger.Count(2000)); // connected once
        Assert.True(shared.IsConnected);
    }

    private static int Good(ModbusRecordingSink sink, string device) =>
        sink.Samples.Count(sample => sample.Point.Device == device && sample.Quality == Quality.Good);

    private static ModbusTcpDeviceOptions Options(string id, int port, ushort address) => new()
    {
        DeviceId = id,
        Host = "127.0.0.1",
        Port = port,
        PollInterval = TimeSpan.FromMilliseconds(50),
        Points = [new ModbusPointOptions { Name = "value", Address = address }],
    };
}
