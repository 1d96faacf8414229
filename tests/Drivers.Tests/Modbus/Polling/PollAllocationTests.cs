using SmartCampus.Edge.Benchmarks.Modbus;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Modbus.Polling;
using SmartCampus.Edge.Drivers.Modbus.Rtu;
using SmartCampus.Edge.Drivers.Serial;
using SmartCampus.Edge.TestPeers;

namespace SmartCampus.Edge.Drivers.Tests.Modbus.Polling;

/// <summary>
/// Bytes a steady-state poll allocates. One device with 10 uint16 points in one FC3 request (<see cref="ModbusPollRig"/>)
/// is polled through the real TCP client or RTU bus with the device's retries and counters. A poll must allocate no
/// more than the 10 samples it publishes, measured the same way, plus <see cref="MarginBytesPerPoll"/>. The in-process
/// peer (<see cref="InstantReplyStream"/>) allocates nothing and replies at once, so each poll completes on the calling
/// thread and <see cref="GC.GetAllocatedBytesForCurrentThread"/> counts only the driver's allocations.
/// </summary>
[Collection(AllocationCounting.Name)]
public sealed class PollAllocationTests
{
    private const int WarmUpPolls = 200;
    private const int MeasuredPolls = 2_000;

    /// <summary>RTU polls measured: each waits out the inter-frame gap first (1.75 ms at 115200 baud, often 2-4 ms as slept).</summary>
    private const int RtuPolls = 300;

    /// <summary>
    /// Allowance over the samples. A steady-state poll needs none, so the margin only absorbs a one-off allocation of
    /// up to 2.4 KB during the 300 RTU polls. Anything made on every poll is at least 24 B and fails the test.
    /// </summary>
    private const double MarginBytesPerPoll = 8;

    /// <summary>Polls against pymodbus: about 50 µs each on loopback, so the count takes well under a second.</summary>
    private const int PeerPolls = 2_000;

    /// <summary>RTU polls against pymodbus on a pty pair: a few milliseconds each, so about 2 s.</summary>
    private const int RtuPeerPolls = 500;

    /// <summary>
    /// Allowance over the samples against pymodbus. There the count covers the whole process, so it also takes in
    /// what the test host and the thread pool allocate meanwhile.
    /// </summary>
    private const double PeerMarginBytesPerPoll = 64;

    /// <summary>Number of batches that the polls against pymodbus are counted in. Each batch contains a whole number of polls.</summary>
    private const int ProcessBatches = 5;

    [Fact]
    public async Task TcpPoll_AllocatesOnlySamples()
    {
        using var stop = new CancellationTokenSource();
        var clock = new GatewayClock(TimeProvider.System, "alloc-boot");
        await using var client = ModbusPollRig.TcpClient("tcp-alloc", port: null);
        var (poller, device) = ModbusPollRig.TcpPoller(client, clock);
        var sink = new CheckingSink();

        var bytesPerPoll = MeasureSynchronousPolls(poller, sink, MeasuredPolls, pause: TimeSpan.Zero, stop.Token);

        Assert.Equal((WarmUpPolls + MeasuredPolls) * ModbusPollRig.Points, sink.Good);
        Assert.Equal(0, sink.Bad);
        Assert.InRange(bytesPerPoll, 0, SampleBytesPerPoll(clock) + MarginBytesPerPoll);
        Assert.Equal(WarmUpPolls + MeasuredPolls, device.GetCounters().Responses);
    }

    [Fact]
    public async Task RtuPoll_AllocatesOnlySamples()
    {
        using var stop = new CancellationTokenSource();
        var clock = new GatewayClock(TimeProvider.System, "alloc-boot");
        await using var bus = ModbusPollRig.RtuBus(portName: null);
        var (poller, device) = ModbusPollRig.RtuPoller(bus, clock);
        var sink = new CheckingSink();

        // Each poll starts after the bus's inter-frame gap has passed, as on a bus polled on an interval, so no poll
        // waits. The pause makes RTU polls slow, so fewer are measured.
        var bytesPerPoll = MeasureSynchronousPolls(poller, sink, RtuPolls, pause: bus.InterFrameGap * 2, stop.Token);

        Assert.Equal((WarmUpPolls + RtuPolls) * ModbusPollRig.Points, sink.Good);
        Assert.Equal(0, sink.Bad);
        Assert.InRange(bytesPerPoll, 0, SampleBytesPerPoll(clock) + MarginBytesPerPoll);
        Assert.Equal(WarmUpPolls + RtuPolls, device.GetCounters().Responses);
    }

    /// <summary>
    /// The same poll against a pymodbus TCP server. Replies arrive on the socket's own threads, so this counts the
    /// whole process's bytes. The test runs alone in <see cref="AllocationCounting"/>, with the wider margin
    /// <see cref="PeerMarginBytesPerPoll"/>.
    /// </summary>
    [Fact]
    public async Task TcpPollAgainstPymodbus_AllocatesOnlySamples()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var clock = new GatewayClock(TimeProvider.System, "alloc-boot");
        await using var server = await PymodbusServer.StartAsync(
            new PymodbusServerOptions { HoldingRegisters = ModbusPollRig.Registers() },
            stop.Token);
        await using var client = ModbusPollRig.TcpClient("tcp-alloc", server.Port);
        var (poller, device) = ModbusPollRig.TcpPoller(client, clock);
        var sink = new CheckingSink();

        var bytesPerPoll = await MeasureProcessPollsAsync(poller, sink, PeerPolls, stop.Token);

        Assert.Equal((WarmUpPolls + PeerPolls) * ModbusPollRig.Points, sink.Good);
        Assert.Equal(0, sink.Bad);
        Assert.InRange(bytesPerPoll, 0, SampleBytesPerPoll(clock) + PeerMarginBytesPerPoll);
        Assert.Equal(WarmUpPolls + PeerPolls, device.GetCounters().Responses);
    }

    /// <summary>
    /// The RTU poll against pymodbus's RTU server on a socat pseudo-terminal pair, through the Linux serial stream.
    /// Counted like <see cref="TcpPollAgainstPymodbus_AllocatesOnlySamples"/>, for the whole process. With
    /// System.IO.Ports on the same pair a poll allocates about 560 B more than its samples.
    /// </summary>
    [Fact]
    public async Task RtuPollOnPty_AllocatesOnlySamples()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var clock = new GatewayClock(TimeProvider.System, "alloc-boot");
        await using var pair = await SocatPair.StartAsync(stop.Token);
        await using var server = await PymodbusRtuServer.StartAsync(
            new PymodbusRtuServerOptions { SerialPath = pair.PathA, BaudRate = 115200, HoldingRegisters = ModbusPollRig.Registers() },
            stop.Token);
        await using var bus = ModbusPollRig.RtuBus(pair.PathB, SerialPortDriver.Linux);

        await AssertRtuPeerPollsAsync(bus, clock, stop.Token);
    }

    /// <summary>
    /// The RTU poll against pymodbus's RTU server on 127.0.0.1, through a TCP tunnel as a serial-to-Ethernet converter
    /// passes raw RTU frames. Counted for the whole process like the other pymodbus cases. With the tunnel read through
    /// a plain <see cref="System.Net.Sockets.NetworkStream"/>, whose waiting reads the frame reader keeps as tasks, a
    /// poll allocates about 150 B more than its samples.
    /// </summary>
    [Fact]
    public async Task RtuPollOverTunnel_AllocatesOnlySamples()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var clock = new GatewayClock(TimeProvider.System, "alloc-boot");
        await using var server = await PymodbusRtuServer.StartAsync(
            new PymodbusRtuServerOptions { BaudRate = 115200, HoldingRegisters = ModbusPollRig.Registers() },
            stop.Token);
        await using var bus = ModbusPollRig.RtuTunnelBus(server.TunnelPort);

        await AssertRtuPeerPollsAsync(bus, clock, stop.Token);
    }

    /// <summary>
    /// Polls the device on <paramref name="bus"/>, a real RTU peer, counted for the whole process, and checks the values,
    /// the bytes per poll against the samples plus <see cref="PeerMarginBytesPerPoll"/>, and the device's responses.
    /// </summary>
    private static async Task AssertRtuPeerPollsAsync(ModbusRtuBus bus, GatewayClock clock, CancellationToken cancellationToken)
    {
        var (poller, device) = ModbusPollRig.RtuPoller(bus, clock);
        var sink = new CheckingSink();

        var bytesPerPoll = await MeasureProcessPollsAsync(poller, sink, RtuPeerPolls, cancellationToken);

        Assert.Equal((WarmUpPolls + RtuPeerPolls) * ModbusPollRig.Points, sink.Good);
        Assert.Equal(0, sink.Bad);
        Assert.InRange(bytesPerPoll, 0, SampleBytesPerPoll(clock) + PeerMarginBytesPerPoll);
        Assert.Equal(WarmUpPolls + RtuPeerPolls, device.GetCounters().Responses);
    }

    /// <summary>
    /// Runs the polls after the warm-up in <see cref="ProcessBatches"/> batches and returns the bytes the whole process
    /// allocated per poll in the leanest batch. Other threads (timers and readers left by earlier tests, the test host)
    /// allocate now and then, and those bytes land in some batches only. A poll that allocates more than its samples
    /// does so in every batch, so the lowest batch still shows it.
    /// </summary>
    private static async Task<double> MeasureProcessPollsAsync(ModbusPoller poller, IFieldSink sink, int polls, CancellationToken cancellationToken)
    {
        for (var i = 0; i < WarmUpPolls; i++)
        {
            await poller.PollOnceAsync(sink, cancellationToken);
        }

        var batchPolls = polls / ProcessBatches;
        var lowest = double.MaxValue;
        for (var batch = 0; batch < ProcessBatches; batch++)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            for (var i = 0; i < batchPolls; i++)
            {
                await poller.PollOnceAsync(sink, cancellationToken);
            }

            lowest = Math.Min(lowest, (double)(GC.GetTotalAllocatedBytes(precise: true) - before) / batchPolls);
        }

        return lowest;
    }

    /// <summary>Runs the polls, each of which must complete without waiting, and returns the bytes per measured poll.</summary>
    private static double MeasureSynchronousPolls(ModbusPoller poller, IFieldSink sink, int polls, TimeSpan pause, CancellationToken cancellationToken)
    {
        for (var i = 0; i < WarmUpPolls; i++)
        {
            PollSynchronously(poller, sink, pause, cancellationToken);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < polls; i++)
        {
            PollSynchronously(poller, sink, pause, cancellationToken);
        }

        return (double)(GC.GetAllocatedBytesForCurrentThread() - before) / polls;
    }

    private static void PollSynchronously(ModbusPoller poller, IFieldSink sink, TimeSpan pause, CancellationToken cancellationToken)
    {
        if (pause > TimeSpan.Zero)
        {
            Thread.Sleep(pause);
        }

        var poll = poller.PollOnceAsync(sink, cancellationToken);
        if (poll.IsCompletedSuccessfully)
        {
            poll.GetAwaiter().GetResult(); // returns a pooled state machine, if the poll had one, to its pool
            return;
        }

        Assert.Fail("The poll waited, so the current thread's count would miss its work.");
    }

    private static double SampleBytesPerPoll(GatewayClock clock) => (double)ModbusPollRig.SampleBytes(clock, MeasuredPolls) / MeasuredPolls;

    /// <summary>Counts samples and checks each value against the peer's registers (point p<c>i</c> = 100 + i) without allocating.</summary>
    private sealed class CheckingSink : IFieldSink
    {
        public int Good { get; private set; }

        public int Bad { get; private set; }

        public ValueTask PublishSampleAsync(Sample sample, CancellationToken cancellationToken)
        {
            var index = sample.Point.Point[1] - '0';
            if (sample.Quality == Quality.Good && sample.Value.Number == 100 + index)
            {
                Good++;
            }
            else
            {
                Bad++;
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask PublishEventAsync(DeviceEvent deviceEvent, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
