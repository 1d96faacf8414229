using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Modbus.Planning;
using SmartCampus.Edge.Drivers.Modbus.Points;
using SmartCampus.Edge.Drivers.Modbus.Polling;
using SmartCampus.Edge.Drivers.Modbus.Protocol;
using SmartCampus.Edge.Drivers.Modbus.Rtu;
using SmartCampus.Edge.Drivers.Modbus.Tcp;
using SmartCampus.Edge.TestPeers;

namespace SmartCampus.Edge.Benchmarks.Modbus;

/// <summary>
/// Bytes allocated per poll in steady state: one device with 10 uint16 points in one FC3 request, polled through the
/// real TCP client or RTU bus with the device's retries and counters. The peer is first an
/// <see cref="InstantReplyStream"/>, which allocates nothing, then pymodbus over a TCP socket and over a socat
/// pseudo-terminal pair, where the count also takes in the socket's and System.IO.Ports' own allocations. The decoded
/// values (one <see cref="Sample"/> per point) are measured alone in the same run for comparison.
/// </summary>
public sealed class ModbusPollAllocationScenario : IScenario
{
    private const int Points = 10;
    private const int WarmUpPolls = 2_000;
    private const int TcpPolls = 50_000;

    /// <summary>Fewer RTU polls: each waits the inter-frame gap (1.75 ms at 115200 baud) before its request.</summary>
    private const int RtuPolls = 2_000;

    /// <summary>Polls against pymodbus over TCP, about 50 µs each on loopback.</summary>
    private const int PeerPolls = 5_000;

    /// <summary>Polls against pymodbus on a pty pair, a few milliseconds each.</summary>
    private const int RtuPeerPolls = 500;

    public string Name => "modbus-poll-alloc";

    public string Description => "Bytes allocated per steady-state poll of a 10-register device, TCP and RTU, in-process peer and pymodbus";

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var clock = new GatewayClock(TimeProvider.System, "bench-boot");
        var points = Enumerable.Range(0, Points)
            .Select(i => new ModbusPointOptions { Name = $"p{i}", Address = (ushort)i })
            .ToList();
        var blocks = ModbusReadPlanner.Plan(points, ModbusLimits.MaxReadRegisters);
        var sink = new DiscardingSink();

        await using var tcp = new ModbusTcpClient(
            new ModbusTcpClientOptions { DeviceId = "tcp-bench", Host = "127.0.0.1", Port = 502, Timeout = TimeSpan.FromSeconds(2) },
            TimeProvider.System,
            NullLogger.Instance,
            _ => ValueTask.FromResult<Stream>(new InstantReplyStream(rtu: false, 1, Points)));
        var tcpDevice = new ModbusTcpDeviceClient(tcp, "tcp-bench", TimeSpan.FromSeconds(2), retries: 2, TimeProvider.System);
        var tcpPoller = new ModbusPoller("tcp-bench", 1, tcpDevice, blocks, clock, NullLogger.Instance);
        var tcpBytes = await MeasureAsync(tcpPoller, sink, TcpPolls, cancellationToken);
        Report(output, "TCP poll (ModbusTcpClient)", tcpBytes, TcpPolls);

        await using var bus = new ModbusRtuBus(
            new ModbusRtuBusOptions { PortName = "bench", BaudRate = 115200 },
            TimeProvider.System,
            NullLogger.Instance,
            _ => ValueTask.FromResult<Stream>(new InstantReplyStream(rtu: true, 1, Points)));
        var rtuClient = bus.CreateClient("rtu-bench", ModbusPollPriority.Normal, TimeSpan.FromSeconds(2), retries: 2);
        var rtuPoller = new ModbusPoller("rtu-bench", 1, rtuClient, blocks, clock, NullLogger.Instance);
        var rtuBytes = await MeasureAsync(rtuPoller, sink, RtuPolls, cancellationToken);
        Report(output, "RTU poll (ModbusRtuBus, 115200 baud)", rtuBytes, RtuPolls);

        Report(output, "decoded values alone (10 Sample objects)", MeasureSamples(clock, TcpPolls), TcpPolls);

        await MeasurePymodbusAsync(output, clock, blocks, sink, cancellationToken);
    }

    /// <summary>The same polls against pymodbus: over TCP on 127.0.0.1, and as RTU over a socat pseudo-terminal pair.</summary>
    private static async Task MeasurePymodbusAsync(
        TextWriter output,
        GatewayClock clock,
        IReadOnlyList<ModbusReadBlock> blocks,
        IFieldSink sink,
        CancellationToken cancellationToken)
    {
        var holding = Enumerable.Range(0, Points).ToDictionary(i => (ushort)i, i => (ushort)(100 + i));

        await using (var server = await PymodbusServer.StartAsync(new PymodbusServerOptions { HoldingRegisters = holding }, cancellationToken))
        await using (var tcp = new ModbusTcpClient(
            new ModbusTcpClientOptions { DeviceId = "tcp-bench", Host = "127.0.0.1", Port = server.Port, Timeout = TimeSpan.FromSeconds(2) },
            TimeProvider.System,
            NullLogger.Instance))
        {
            var device = new ModbusTcpDeviceClient(tcp, "tcp-bench", TimeSpan.FromSeconds(2), retries: 2, TimeProvider.System);
            var poller = new ModbusPoller("tcp-bench", 1, device, blocks, clock, NullLogger.Instance);
            Report(output, "TCP poll, pymodbus on 127.0.0.1", await MeasureAsync(poller, sink, PeerPolls, cancellationToken), PeerPolls);
        }

        await using var pair = await SocatPair.StartAsync(cancellationToken);
        await using var rtuServer = await PymodbusRtuServer.StartAsync(
            new PymodbusRtuServerOptions { SerialPath = pair.PathA, BaudRate = 115200, HoldingRegisters = holding },
            cancellationToken);
        await using var bus = new ModbusRtuBus(
            new ModbusRtuBusOptions { PortName = pair.PathB, BaudRate = 115200 }, TimeProvider.System, NullLogger.Instance);
        var rtuDevice = bus.CreateClient("rtu-bench", ModbusPollPriority.Normal, TimeSpan.FromSeconds(2), retries: 2);
        var rtuPoller = new ModbusPoller("rtu-bench", 1, rtuDevice, blocks, clock, NullLogger.Instance);
        Report(output, "RTU poll, pymodbus on a socat pty pair", await MeasureAsync(rtuPoller, sink, RtuPeerPolls, cancellationToken), RtuPeerPolls);
    }

    private static async Task<long> MeasureAsync(ModbusPoller poller, IFieldSink sink, int polls, CancellationToken cancellationToken)
    {
        for (var i = 0; i < WarmUpPolls; i++)
        {
            await poller.PollOnceAsync(sink, cancellationToken);
        }

        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < polls; i++)
        {
            await poller.PollOnceAsync(sink, cancellationToken);
        }

        return GC.GetTotalAllocatedBytes(precise: true) - before;
    }

    /// <summary>What the decoded values cost alone: the samples a poll of 10 points publishes, built the same way.</summary>
    private static long MeasureSamples(GatewayClock clock, int polls)
    {
        var keep = new Sample[Points];
        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < polls; i++)
        {
            var time = clock.UtcNow;
            var stamp = clock.Stamp();
            for (var p = 0; p < Points; p++)
            {
                keep[p] = new Sample(new PointId("tcp-bench", "p"), PointValue.FromNumber(i + p), Quality.Good, time, stamp);
            }
        }

        return GC.GetTotalAllocatedBytes(precise: true) - before;
    }

    private static void Report(TextWriter output, string what, long bytes, int polls) =>
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{what}: {(double)bytes / polls:F0} bytes per poll over {polls} polls ({LoadAverage.Read()})"));

    private sealed class DiscardingSink : IFieldSink
    {
        public ValueTask PublishSampleAsync(Sample sample, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask PublishEventAsync(DeviceEvent deviceEvent, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
