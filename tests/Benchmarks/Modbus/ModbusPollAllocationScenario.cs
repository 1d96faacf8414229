using System.Globalization;
using System.Net;
using System.Net.Sockets;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Modbus.Polling;
using SmartCampus.Edge.Drivers.Serial;
using SmartCampus.Edge.TestPeers;

namespace SmartCampus.Edge.Benchmarks.Modbus;

/// <summary>
/// Bytes allocated per poll in steady state: one device with 10 uint16 points in one FC3 request, polled through the
/// real TCP client or RTU bus with the device's retries and counters. The peer is first an
/// <see cref="InstantReplyStream"/>, which allocates nothing, then pymodbus over a TCP socket and over a socat
/// pseudo-terminal pair, and as RTU through a TCP tunnel, where the count also takes in the socket's and the serial
/// port's own allocations. The pty pair is polled with both serial drivers, the Linux stream and System.IO.Ports, and
/// the tunnel with the bus's tunnel stream and a plain <see cref="NetworkStream"/>. The decoded values (one
/// <see cref="Sample"/> per point) are measured alone in the same run for comparison.
/// </summary>
public sealed class ModbusPollAllocationScenario : IScenario
{
    private const int WarmUpPolls = 2_000;
    private const int TcpPolls = 50_000;

    /// <summary>Fewer RTU polls: each waits the inter-frame gap (1.75 ms at 115200 baud) before its request.</summary>
    private const int RtuPolls = 2_000;

    /// <summary>Polls against pymodbus over TCP, about 50 µs each on loopback.</summary>
    private const int PeerPolls = 5_000;

    /// <summary>Polls against pymodbus on a pty pair, a few milliseconds each.</summary>
    private const int RtuPeerPolls = 3000;

    public string Name => "modbus-poll-alloc";

    public string Description => "Bytes allocated per steady-state poll of a 10-register device, TCP and RTU, in-process peer and pymodbus, both serial drivers, RTU over a TCP tunnel";

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var clock = new GatewayClock(TimeProvider.System, "bench-boot");
        var sink = new DiscardingSink();

        await using (var tcp = ModbusPollRig.TcpClient("tcp-bench", port: null))
        {
            var (poller, _) = ModbusPollRig.TcpPoller(tcp, clock);
            Report(output, "TCP poll (ModbusTcpClient)", await MeasureAsync(poller, sink, TcpPolls, cancellationToken), TcpPolls);
        }

        await using (var bus = ModbusPollRig.RtuBus(portName: null))
        {
            var (poller, _) = ModbusPollRig.RtuPoller(bus, clock);
            Report(output, "RTU poll (ModbusRtuBus, 115200 baud)", await MeasureAsync(poller, sink, RtuPolls, cancellationToken), RtuPolls);
        }

        Report(output, "decoded values alone (10 Sample objects)", ModbusPollRig.SampleBytes(clock, TcpPolls), TcpPolls);

        await MeasurePymodbusAsync(output, clock, sink, cancellationToken);
    }

    /// <summary>The same polls against pymodbus: over TCP on 127.0.0.1, and as RTU over a socat pseudo-terminal pair.</summary>
    private static async Task MeasurePymodbusAsync(TextWriter output, GatewayClock clock, IFieldSink sink, CancellationToken cancellationToken)
    {
        var holding = ModbusPollRig.Registers();

        await using (var server = await PymodbusServer.StartAsync(new PymodbusServerOptions { HoldingRegisters = holding }, cancellationToken))
        await using (var tcp = ModbusPollRig.TcpClient("tcp-bench", server.Port))
        {
            var (poller, _) = ModbusPollRig.TcpPoller(tcp, clock);
            Report(output, "TCP poll, pymodbus on 127.0.0.1", await MeasureAsync(poller, sink, PeerPolls, cancellationToken), PeerPolls);
        }

        await MeasureTunnelAsync(output, clock, sink, holding, cancellationToken);

        await using var pair = await SocatPair.StartAsync(cancellationToken);
        await using var rtuServer = await PymodbusRtuServer.StartAsync(
            new PymodbusRtuServerOptions { SerialPath = pair.PathA, BaudRate = 115200, HoldingRegisters = holding },
            cancellationToken);
        foreach (var driver in new[] { SerialPortDriver.Linux, SerialPortDriver.SystemIOPorts })
        {
            // One bus at a time: each locks the port while it is open.
            await using var bus = ModbusPollRig.RtuBus(pair.PathB, driver);
            var (rtuPoller, _) = ModbusPollRig.RtuPoller(bus, clock);
            var bytes = await MeasureAsync(rtuPoller, sink, RtuPeerPolls, cancellationToken);
            Report(output, $"RTU poll, pymodbus on a socat pty pair, serialDriver {driver}", bytes, RtuPeerPolls);
        }
    }

    /// <summary>
    /// RTU over a TCP tunnel to pymodbus's RTU server on 127.0.0.1: first through the bus's own tunnel stream, then
    /// through a plain <see cref="NetworkStream"/> on the same kind of socket, the tunnel's stream before the
    /// allocation-free one, whose waiting reads the frame reader keeps as tasks.
    /// </summary>
    private static async Task MeasureTunnelAsync(
        TextWriter output, GatewayClock clock, IFieldSink sink, Dictionary<ushort, ushort> holding, CancellationToken cancellationToken)
    {
        await using var server = await PymodbusRtuServer.StartAsync(
            new PymodbusRtuServerOptions { BaudRate = 115200, HoldingRegisters = holding },
            cancellationToken);

        await using (var bus = ModbusPollRig.RtuTunnelBus(server.TunnelPort))
        {
            var (poller, _) = ModbusPollRig.RtuPoller(bus, clock);
            var bytes = await MeasureAsync(poller, sink, RtuPeerPolls, cancellationToken);
            Report(output, "RTU poll over a TCP tunnel, pymodbus on 127.0.0.1", bytes, RtuPeerPolls);
        }

        await using (var bus = ModbusPollRig.RtuTunnelBus(server.TunnelPort, ConnectNetworkStreamAsync))
        {
            var (poller, _) = ModbusPollRig.RtuPoller(bus, clock);
            var bytes = await MeasureAsync(poller, sink, RtuPeerPolls, cancellationToken);
            Report(output, "RTU poll over a TCP tunnel, pymodbus on 127.0.0.1, plain NetworkStream", bytes, RtuPeerPolls);
        }

        async ValueTask<Stream> ConnectNetworkStreamAsync(CancellationToken connectToken)
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(IPAddress.Loopback, server.TunnelPort, connectToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
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
