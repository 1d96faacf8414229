using System.Device.Gpio;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Gpio;

using SmartCampus.Edge.TestPeers;

namespace SmartCampus.Edge.Drivers.Tests.Gpio;

public sealed class GpioPulseTests
{
    private const int StrikePin = 24;

    private static GpioPointOptions Strike(bool activeLow = false) => new()
    {
        Name = "strike",
        Direction = GpioDirection.Output,
        Pin = StrikePin,
        ActiveLow = activeLow,
        OutputMode = GpioOutputMode.Pulse,
        PulseDuration = TimeSpan.FromSeconds(3),
    };

    [Fact]
    public async Task Pulse_ReturnsToSafeStateAfterDuration()
    {
        await using var bench = new GpioTestBench(Strike());
        bench.Start();

        var result = await bench.Device.WriteAsync("strike", PointValue.FromBoolean(true), CancellationToken.None);
        Assert.True(result.Succeeded);
        Assert.Equal(PinValue.High, bench.Simulator.GetLevel(StrikePin));

        bench.Advance(2999);
        Assert.Equal(PinValue.High, bench.Simulator.GetLevel(StrikePin));
        bench.Advance(1);
        Assert.Equal(PinValue.Low, bench.Simulator.GetLevel(StrikePin));
        // The first sample is the safe state at start.
        var samples = await bench.Sink.WaitForSamplesAsync("panel.strike", 3);
        Assert.Equal([false, true, false], samples.Select(s => s.Value.Boolean));
    }

    [Fact]
    public async Task Pulse_RetriggerRestartsDuration()
    {
        await using var bench = new GpioTestBench(Strike(activeLow: true));
        bench.Start();

        await bench.Device.WriteAsync("strike", PointValue.FromBoolean(true), CancellationToken.None);
        bench.Advance(2000);
        await bench.Device.WriteAsync("strike", PointValue.FromBoolean(true), CancellationToken.None);
        bench.Advance(2000);
        Assert.Equal(PinValue.Low, bench.Simulator.GetLevel(StrikePin));
        bench.Advance(1000);
        Assert.Equal(PinValue.High, bench.Simulator.GetLevel(StrikePin));
    }

    [Fact]
    public async Task Pulse_FalseEndsEarly_AndStopCancelsTimer()
    {
        await using var bench = new GpioTestBench(Strike());
        bench.Start();

        await bench.Device.WriteAsync("strike", PointValue.FromBoolean(true), CancellationToken.None);
        await bench.Device.WriteAsync("strike", PointValue.FromBoolean(false), CancellationToken.None);
        Assert.Equal(PinValue.Low, bench.Simulator.GetLevel(StrikePin));
        await bench.Device.WriteAsync("strike", PointValue.FromBoolean(true), CancellationToken.None);
        await bench.StopAsync();
        Assert.Equal(PinValue.Low, bench.Simulator.GetLevel(StrikePin));

        bench.Advance(5000);
        await Task.Delay(50);
        Assert.Equal(PinValue.Low, bench.Simulator.GetLevel(StrikePin));
        Assert.DoesNotContain(bench.Logger.Entries, e => e.Message.Contains("pulse end", StringComparison.Ordinal));
    }

    [Fact]
    public void Pulse_ZeroDuration_IsRejected()
    {
        var options = new GpioDeviceOptions { DeviceId = "door", Points = [new GpioPointOptions { Name = "strike", Direction = GpioDirection.Output, Pin = 1, OutputMode = GpioOutputMode.Pulse, PulseDuration = TimeSpan.Zero }] };
        var handle = GpioControllerFactory.Create(GpioDriverKind.Simulated);
        using var controller = handle.Controller;

        var error = Assert.Throws<ArgumentException>(() => new GpioDevice(options, controller, new GatewayClock(TimeProvider.System, "boot"), new TestLogger<GpioDevice>()));

        Assert.Contains("pulse duration", error.Message, StringComparison.Ordinal);
    }
}
