using System.Device.I2c;
using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.I2c;
using SmartCampus.Edge.TestPeers;

namespace SmartCampus.Edge.Drivers.Tests.I2c;

/// <summary>An <see cref="I2cSensorDevice"/> running on a fake chip and a fake clock, with everything it published.</summary>
internal sealed class I2cBench<TChip> : IAsyncDisposable
    where TChip : I2cDevice
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _run;
    private int _opens;

    public FakeTimeProvider Time { get; } = new();

    public RecordingSink Sink { get; } = new();

    public TestLogger<I2cSensorDevice> Logger { get; } = new();

    public TChip? Chip { get; private set; }

    public I2cConnectionSettings? Settings { get; private set; }

    public int Opens => Volatile.Read(ref _opens);

    /// <param name="createChip">Creates the chip at the first successful open, before <paramref name="setUp"/>; later opens return the same chip.</param>
    /// <param name="failOpens">Number of first opens that fail as a missing /dev/i2c-N does.</param>
    public static I2cBench<TChip> Start(I2cSensorOptions options, Func<I2cConnectionSettings, TChip> createChip, Action<TChip>? setUp = null, int failOpens = 0)
    {
        var bench = new I2cBench<TChip>();
        var device = new I2cSensorDevice(options, new GatewayClock(bench.Time, "boot"), bench.Logger, settings =>
        {
            if (Interlocked.Increment(ref bench._opens) <= failOpens)
            {
                throw new IOException($"Device /dev/i2c-{settings.BusId} does not exist.");
            }

            bench.Settings = settings;
            if (bench.Chip is null)
            {
                bench.Chip = createChip(settings);
                setUp?.Invoke(bench.Chip);
            }

            return bench.Chip;
        });
        bench._run = device.RunAsync(bench.Sink, bench._stop.Token);
        return bench;
    }

    /// <summary>
    /// Advances the fake clock by <paramref name="step"/> until <paramref name="condition"/> holds. Stepping, rather
    /// than one jump, also fires timers the device sets only after an earlier step has run.
    /// </summary>
    public async Task<TimeSpan> AdvanceUntilAsync(TimeSpan step, Func<bool> condition, string description)
    {
        var advanced = TimeSpan.Zero;
        await Sink.WaitUntilAsync(() =>
        {
            if (condition())
            {
                return true;
            }

            Time.Advance(step);
            advanced += step;
            return false;
        }, description);
        return advanced;
    }

    /// <summary>Stops the device and waits for its loop to end.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _run!.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }
}
