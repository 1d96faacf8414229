using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Modbus.Planning;
using SmartCampus.Edge.Drivers.Modbus.Points;
using SmartCampus.Edge.Drivers.Modbus.Polling;
using SmartCampus.Edge.Drivers.Modbus.Protocol;
using SmartCampus.Edge.Drivers.Tests.Modbus.Support;

namespace SmartCampus.Edge.Drivers.Tests.Modbus.Polling;

/// <summary>
/// The poll interval of an offline device on a fake clock: it doubles with each failed poll after the first, stops at
/// the maximum backoff, and drops back to the poll interval once the device responds.
/// </summary>
public sealed class ModbusPollerBackoffTests
{
    private static readonly TimeSpan Patient = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _time = new();
    private readonly FakeModbusClient _client = new();
    private readonly List<TimeSpan> _reads = [];
    private readonly DateTimeOffset _start;
    private volatile bool _online;

    public ModbusPollerBackoffTests()
    {
        _start = _time.GetUtcNow();
        _client.HoldingReads = (address, quantity) =>
        {
            lock (_reads)
            {
                _reads.Add(_time.GetUtcNow() - _start);
            }

            return _online
                ? [900]
                : throw new ModbusTimeoutException("room", 1, ModbusFunctionCode.ReadHoldingRegisters, address, TimeSpan.FromSeconds(1));
        };
    }

    [Fact]
    public async Task Offline_IntervalDoublesUpToMax()
    {
        var poller = Poller();
        var sink = new ModbusRecordingSink();
        using var stop = new CancellationTokenSource();
        var run = poller.RunAsync(sink, TimeSpan.FromSeconds(1), stop.Token, maxBackoff: TimeSpan.FromSeconds(8));

        // Polls fail at 0, 1, 3, 7 and 15 s: the waits are 1, 2, 4 and then 8 s twice, because 16 s is over the maximum.
        await ExpectReadAtAsync(0, TimeSpan.Zero);
        await ExpectReadAtAsync(1, TimeSpan.FromSeconds(1));
        await ExpectReadAtAsync(2, TimeSpan.FromSeconds(3));
        await ExpectReadAtAsync(3, TimeSpan.FromSeconds(7));
        await ExpectReadAtAsync(4, TimeSpan.FromSeconds(15));

        // The device responds to the poll at 23 s, so the next one follows after the plain poll interval.
        _online = true;
        await ExpectReadAtAsync(5, TimeSpan.FromSeconds(23));
        await ExpectReadAtAsync(6, TimeSpan.FromSeconds(24));

        await stop.CancelAsync();
        await run.WaitAsync(Patient);
        Assert.Equal([DeviceEventTypes.Offline, DeviceEventTypes.Online], sink.Events.Select(e => e.Type));
    }

    [Fact]
    public async Task Offline_BackoffLoggedWhenIntervalChanges()
    {
        var logger = new RecordingLogger<ModbusPoller>();
        var poller = Poller(logger);
        using var stop = new CancellationTokenSource();
        var run = poller.RunAsync(new ModbusRecordingSink(), TimeSpan.FromSeconds(1), stop.Token, maxBackoff: TimeSpan.FromSeconds(4));

        // Waits of 1, 2, 4, 4, 4 and 4 s: only the changes to 2 s and to 4 s are logged.
        foreach (var (index, seconds) in new[] { (0, 0), (1, 1), (2, 3), (3, 7), (4, 11), (5, 15), (6, 19) })
        {
            await ExpectReadAtAsync(index, TimeSpan.FromSeconds(seconds));
        }

        await stop.CancelAsync();
        await run.WaitAsync(Patient);
        Assert.Equal(2, logger.Count(2065));
    }

    [Fact]
    public async Task Offline_WithoutMaxBackoffKeepsInterval()
    {
        var poller = Poller();
        using var stop = new CancellationTokenSource();
        var run = poller.RunAsync(new ModbusRecordingSink(), TimeSpan.FromSeconds(1), stop.Token);

        for (var i = 0; i < 5; i++)
        {
            await ExpectReadAtAsync(i, TimeSpan.FromSeconds(i));
        }

        await stop.CancelAsync();
        await run.WaitAsync(Patient);
    }

    /// <summary>
    /// Moves the clock to just before <paramref name="at"/> and checks that read <paramref name="index"/> has not
    /// happened, then to <paramref name="at"/> and waits for it.
    /// </summary>
    private async Task ExpectReadAtAsync(int index, TimeSpan at)
    {
        var now = _time.GetUtcNow() - _start;
        if (at > now)
        {
            _time.Advance(at - now - TimeSpan.FromMilliseconds(1));
            await Task.Delay(50);
            Assert.Equal(index, ReadCount());
            _time.Advance(TimeSpan.FromMilliseconds(1));
        }

        var deadline = DateTime.UtcNow + Patient;
        while (ReadCount() <= index)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Read {index} did not come at {at}.");
            await Task.Delay(5);
        }

        lock (_reads)
        {
            Assert.Equal(at, _reads[index]);
        }
    }

    private int ReadCount()
    {
        lock (_reads)
        {
            return _reads.Count;
        }
    }

    private ModbusPoller Poller(RecordingLogger<ModbusPoller>? logger = null)
    {
        ModbusPointOptions[] points = [new() { Name = "co2", Address = 0 }];
        var blocks = ModbusReadPlanner.Plan(points, 125);
        var clock = new GatewayClock(_time, "backoff-boot");
        return new ModbusPoller("room", 1, _client, blocks, clock, logger ?? new RecordingLogger<ModbusPoller>());
    }
}
