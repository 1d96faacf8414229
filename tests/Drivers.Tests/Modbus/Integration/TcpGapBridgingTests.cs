using System.Net;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Modbus.Points;
using SmartCampus.Edge.Drivers.Modbus.Simulation;
using SmartCampus.Edge.Drivers.Modbus.Tcp;
using SmartCampus.Edge.Drivers.Tests.Modbus.Support;

namespace SmartCampus.Edge.Drivers.Tests.Modbus.Integration;

/// <summary>
/// A TCP device's maximum gap against the in-process Modbus TCP server. Points at registers 0, 2 and 10 take three
/// requests with no gap allowed, two when the one unused register at 1 may be read, and one when the seven at 3..9 may.
/// </summary>
public sealed class TcpGapBridgingTests
{
    private static readonly TimeSpan Patient = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData(0, 3)]
    [InlineData(1, 2)]
    [InlineData(6, 2)]
    [InlineData(7, 1)]
    public async Task Poll_BridgesGapsUpToMax(int maxGap, int expectedRequests)
    {
        await using var server = new ModbusTcpSimulator(IPAddress.Loopback, 0, 1, holdingRegisterCount: 20);
        await server.StartAsync(CancellationToken.None);
        server.SetHoldingRegisters(0, 900, 0, 215, 0, 0, 0, 0, 0, 0, 0, 42);
        var options = new ModbusTcpDeviceOptions
        {
            DeviceId = "room201",
            Host = "127.0.0.1",
            Port = server.Port,
            PollInterval = TimeSpan.FromHours(1),
            MaxGap = maxGap,
            Points =
            [
                new ModbusPointOptions { Name = "co2", Address = 0 },
                new ModbusPointOptions { Name = "temperature", Address = 2 },
                new ModbusPointOptions { Name = "status", Address = 10 },
            ],
        };
        await using var device = new ModbusTcpDevice(options, new GatewayClock(TimeProvider.System, "gap-boot"), new RecordingLogger<ModbusTcpDevice>());
        var sink = new ModbusRecordingSink();
        using var stop = new CancellationTokenSource();

        var run = device.RunAsync(sink, stop.Token);
        var deadline = DateTime.UtcNow + Patient;
        while (sink.Samples.Count < 3)
        {
            Assert.True(DateTime.UtcNow < deadline, "The first poll did not finish in time.");
            await Task.Delay(10);
        }

        await stop.CancelAsync();
        await run.WaitAsync(Patient);

        var values = sink.Samples.ToDictionary(sample => sample.Point.Point, sample => sample.Value.Number);
        Assert.Equal(900, values["co2"]);
        Assert.Equal(215, values["temperature"]);
        Assert.Equal(42, values["status"]);
        Assert.Equal(expectedRequests, device.GetCounters().Requests);
    }
}
