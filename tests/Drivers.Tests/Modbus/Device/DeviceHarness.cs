using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Modbus.Tcp;
using SmartCampus.Edge.Drivers.Tests.Modbus.Support;

namespace SmartCampus.Edge.Drivers.Tests.Modbus.Device;

/// <summary>
/// Runs a <see cref="ModbusTcpDevice"/> on a fake clock and steps it one poll at a time. The sockets are real, so
/// the harness waits in real time for each poll's samples. The fake clock moves only by the poll interval, so a
/// slow test machine never makes a request time out, unless a test requests timeouts with
/// <see cref="NextPollWithTimeoutsAsync"/>.
/// </summary>
public sealed class DeviceHarness : IAsyncDisposable
{
    private static readonly TimeSpan StallBeforeAdvance = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan RealPauseBeforeAdvance = TimeSpan.FromMilliseconds(25);

    /// <summary>A loopback poll that publishes nothing for this long missed the clock's advance, not its reply.</summary>
    private static readonly TimeSpan LostAdvanceAfter = TimeSpan.FromSeconds(3);

    private readonly ModbusTcpDeviceOptions _options;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;
    private int _polls;

    public DeviceHarness(ModbusTcpDeviceOptions options)
    {
        _options = options;
        Time = new FakeTimeProvider(new DateTimeOffset(2025, 9, 1, 8, 0, 0, TimeSpan.Zero));
        Device = new ModbusTcpDevice(options, new GatewayClock(Time, "test-boot"), Logger);
        _run = Device.RunAsync(Sink, _stop.Token);
    }

    public FakeTimeProvider Time { get; }

    public ModbusRecordingSink Sink { get; } = new();

    public RecordingLogger<ModbusTcpDevice> Logger { get; } = new();

    public ModbusTcpDevice Device { get; }

    /// <summary>Waits for the next poll (the first one runs at start) and returns its samples by point name.</summary>
    public Task<IReadOnlyDictionary<string, Sample>> NextPollAsync() => NextPollAsync(advanceOnStall: false);

    /// <summary>
    /// Like <see cref="NextPollAsync()"/>, but while the poll stalls the fake clock moves on by the request timeout,
    /// which fires the deadline of a request that gets no reply.
    /// </summary>
    public Task<IReadOnlyDictionary<string, Sample>> NextPollWithTimeoutsAsync() => NextPollAsync(advanceOnStall: true);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run.WaitAsync(TimeSpan.FromSeconds(10));
        await Device.DisposeAsync();
        _stop.Dispose();
    }

    private async Task<IReadOnlyDictionary<string, Sample>> NextPollAsync(bool advanceOnStall)
    {
        if (_polls > 0)
        {
            // The poller computes its wait, then starts the delay, and an advance between the two is lost. A short
            // pause lets the poller reach the delay first. The re-advance below covers a machine too loaded for that.
            await Task.Delay(RealPauseBeforeAdvance);
            Time.Advance(_options.PollInterval);
        }

        var readvanced = false;

        var pointCount = _options.Points.Count;
        var target = (_polls + 1) * pointCount;
        var waiting = Stopwatch.StartNew();
        while (!await Sink.WaitForSamplesAsync(target, StallBeforeAdvance))
        {
            if (_run.IsCompleted)
            {
                await _run;
                throw new InvalidOperationException("The device stopped running.");
            }

            if (waiting.Elapsed > MaxWait)
            {
                var log = string.Join(Environment.NewLine, Logger.Entries.Select(entry => entry.Message));
                throw new TimeoutException($"Poll {_polls + 1} published no samples within {MaxWait}. Log:{Environment.NewLine}{log}");
            }

            if (advanceOnStall)
            {
                Time.Advance(_options.Timeout);
            }
            else if (_polls > 0 && !readvanced && waiting.Elapsed > LostAdvanceAfter)
            {
                Time.Advance(_options.PollInterval);
                readvanced = true;
            }
        }

        _polls++;
        return Sink.Samples
            .Skip(target - pointCount)
            .Take(pointCount)
            .ToDictionary(sample => sample.Point.Point, StringComparer.Ordinal);
    }
}
