using System.Device.Gpio;
using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Gpio;

using SmartCampus.Edge.TestPeers;

namespace SmartCampus.Edge.Drivers.Tests.Gpio;

/// <summary>A GPIO device on a simulated line bank with a fake clock, running against a recording sink.</summary>
public sealed class GpioTestBench : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _run;

    public GpioTestBench(params GpioPointOptions[] points)
    {
        Simulator = new SimulatedGpioDriver();
        Device = new GpioDevice(
            new GpioDeviceOptions { DeviceId = "panel", Driver = GpioDriverKind.Simulated, Points = points },
            new GpioController(Simulator),
            new GatewayClock(Time, "test-boot"),
            Logger);
    }

    public FakeTimeProvider Time { get; } = new();

    public SimulatedGpioDriver Simulator { get; }

    public GpioDevice Device { get; }

    public RecordingSink Sink { get; } = new();

    public TestLogger<GpioDevice> Logger { get; } = new();

    /// <summary>Starts the device; the lines are open when this returns because RunAsync opens them before its first wait.</summary>
    public void Start() => _run = Device.RunAsync(Sink, _stop.Token);

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            await _run.WaitAsync(TimeSpan.FromSeconds(5));
        }
    }

    public void Advance(int milliseconds) => Time.Advance(TimeSpan.FromMilliseconds(milliseconds));

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await Device.DisposeAsync();
        _stop.Dispose();
    }

    public static GpioPointOptions Input(string name, int pin, bool activeLow = false, int debounceMilliseconds = 50) => new()
    {
        Name = name,
        Direction = GpioDirection.Input,
        Pin = pin,
        ActiveLow = activeLow,
        Debounce = TimeSpan.FromMilliseconds(debounceMilliseconds),
    };

    public static GpioPointOptions Output(string name, int pin, bool safeState = false, bool activeLow = false) => new()
    {
        Name = name,
        Direction = GpioDirection.Output,
        Pin = pin,
        SafeState = safeState,
        ActiveLow = activeLow,
    };
}
