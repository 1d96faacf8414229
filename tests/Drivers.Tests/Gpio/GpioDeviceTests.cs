using System.Device.Gpio;
using System.Globalization;
using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Gpio;

using SmartCampus.Edge.TestPeers;

namespace SmartCampus.Edge.Drivers.Tests.Gpio;

public sealed class GpioDeviceTests
{
    private const int SmokePin = 17;
    private const int SirenPin = 27;
    private const int BarrierPin = 5;

    [Fact]
    public async Task Debounce_BouncingPressAndRelease_GiveOneChangeEach()
    {
        await using var bench = new GpioTestBench(
            GpioTestBench.Input("smoke", SmokePin, activeLow: true, debounceMilliseconds: 50),
            GpioTestBench.Output("barrier", BarrierPin));
        bench.Start();
        await bench.Sink.WaitForSamplesAsync("panel.smoke", 1);

        // Press: five edges within 40 ms, then the contact stays closed (low, because the input is active-low).
        Bounce(bench, PinValue.Low, PinValue.High, PinValue.Low, PinValue.High, PinValue.Low);
        bench.Advance(49);
        Assert.Equal(new[] { false }, await SettledStatesAsync(bench, "panel.smoke"));

        bench.Advance(1);
        Assert.Equal(new[] { false, true }, await SettledStatesAsync(bench, "panel.smoke"));

        bench.Advance(1000);

        // Release: the contact bounces again on opening, then stays open.
        Bounce(bench, PinValue.High, PinValue.Low, PinValue.High, PinValue.Low, PinValue.High);
        bench.Advance(50);
        Assert.Equal(new[] { false, true, false }, await SettledStatesAsync(bench, "panel.smoke"));

        bench.Advance(5000);
        Assert.Equal(new[] { false, true, false }, await SettledStatesAsync(bench, "panel.smoke"));
    }

    [Fact]
    public async Task Debounce_ShortGlitch_IsIgnored()
    {
        await using var bench = new GpioTestBench(
            GpioTestBench.Input("smoke", SmokePin, activeLow: true, debounceMilliseconds: 50),
            GpioTestBench.Output("barrier", BarrierPin));
        bench.Start();
        await bench.Sink.WaitForSamplesAsync("panel.smoke", 1);

        bench.Simulator.SetInputLevel(SmokePin, PinValue.Low);
        bench.Advance(20);
        bench.Simulator.SetInputLevel(SmokePin, PinValue.High);
        bench.Advance(200);

        Assert.Equal(new[] { false }, await SettledStatesAsync(bench, "panel.smoke"));
    }

    [Fact]
    public async Task Debounce_Zero_PublishesEveryEdge()
    {
        await using var bench = new GpioTestBench(GpioTestBench.Input("button", 6, debounceMilliseconds: 0));
        bench.Start();

        bench.Simulator.SetInputLevel(6, PinValue.High);
        bench.Simulator.SetInputLevel(6, PinValue.Low);

        var samples = await bench.Sink.WaitForSamplesAsync("panel.button", 3);
        Assert.Equal([false, true, false], samples.Select(s => s.Value.Boolean));
    }

    [Fact]
    public async Task ActiveLow_Input_LowLevelIsActive()
    {
        await using var bench = new GpioTestBench(GpioTestBench.Input("smoke", SmokePin, activeLow: true, debounceMilliseconds: 10));
        bench.Start();

        // Opened with the pull-up bias, the idle contact reads high, which is inactive.
        var initial = await bench.Sink.WaitForSamplesAsync("panel.smoke", 1);
        Assert.False(initial[0].Value.Boolean);
        Assert.Equal(Quality.Good, initial[0].Quality);

        bench.Simulator.SetInputLevel(SmokePin, PinValue.Low);
        bench.Advance(10);

        var samples = await bench.Sink.WaitForSamplesAsync("panel.smoke", 2);
        Assert.True(samples[1].Value.Boolean);
        Assert.Equal(PointValueKind.Boolean, samples[1].Value.Kind);
    }

    [Fact]
    public async Task ActiveHigh_Input_HighLevelIsActive()
    {
        await using var bench = new GpioTestBench(GpioTestBench.Input("motion", 22, debounceMilliseconds: 10));
        bench.Start();
        await bench.Sink.WaitForSamplesAsync("panel.motion", 1);

        bench.Simulator.SetInputLevel(22, PinValue.High);
        bench.Advance(10);

        var samples = await bench.Sink.WaitForSamplesAsync("panel.motion", 2);
        Assert.False(samples[0].Value.Boolean);
        Assert.True(samples[1].Value.Boolean);
    }

    [Fact]
    public async Task ActiveLow_Output_ActiveDrivesLow()
    {
        await using var bench = new GpioTestBench(GpioTestBench.Output("relay", 23, safeState: false, activeLow: true));
        bench.Start();
        Assert.Equal(PinValue.High, bench.Simulator.GetLevel(23));

        var result = await bench.Device.WriteAsync("relay", PointValue.FromBoolean(true), CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(PinValue.Low, bench.Simulator.GetLevel(23));
    }

    [Fact]
    public async Task SafeState_DrivenAtStart()
    {
        await using var bench = new GpioTestBench(GpioTestBench.Output("siren", SirenPin, safeState: false));

        // A previous run left the siren on: another controller on the same bank drove it high and let go.
        var previousRun = new GpioController(bench.Simulator);
        previousRun.OpenPin(SirenPin, PinMode.Output, PinValue.High);
        previousRun.ClosePin(SirenPin);
        Assert.Equal(PinValue.High, bench.Simulator.GetLevel(SirenPin));

        bench.Start();

        Assert.Equal(PinValue.Low, bench.Simulator.GetLevel(SirenPin));
        var samples = await bench.Sink.WaitForSamplesAsync("panel.siren", 1);
        Assert.False(samples[0].Value.Boolean);
    }

    [Fact]
    public async Task SafeState_DrivenOnStop()
    {
        await using var bench = new GpioTestBench(GpioTestBench.Output("siren", SirenPin, safeState: false));
        bench.Start();
        await bench.Device.WriteAsync("siren", PointValue.FromBoolean(true), CancellationToken.None);
        Assert.Equal(PinValue.High, bench.Simulator.GetLevel(SirenPin));

        await bench.StopAsync();

        Assert.Equal(PinValue.Low, bench.Simulator.GetLevel(SirenPin));
        var afterStop = await bench.Device.WriteAsync("siren", PointValue.FromBoolean(true), CancellationToken.None);
        Assert.False(afterStop.Succeeded);
        Assert.Equal(PinValue.Low, bench.Simulator.GetLevel(SirenPin));
    }

    [Fact]
    public async Task SafeState_DrivenOnDispose()
    {
        var bench = new GpioTestBench(GpioTestBench.Output("door", 24, safeState: true));
        bench.Start();
        Assert.Equal(PinValue.High, bench.Simulator.GetLevel(24));
        await bench.Device.WriteAsync("door", PointValue.FromBoolean(false), CancellationToken.None);
        Assert.Equal(PinValue.Low, bench.Simulator.GetLevel(24));

        // Dispose without a stop first, as when the host tears the device down after a crash.
        await bench.Device.DisposeAsync();

        Assert.Equal(PinValue.High, bench.Simulator.GetLevel(24));
        Assert.False(bench.Simulator.IsLineOpen(24));
        await bench.DisposeAsync();
    }

    [Fact]
    public async Task Write_Output_DrivesLineAndPublishesSample()
    {
        await using var bench = new GpioTestBench(GpioTestBench.Output("siren", SirenPin));
        var changes = new List<PinEventTypes>();
        bench.Simulator.OutputChanged += (_, args) => changes.Add(args.ChangeType);
        bench.Start();

        var on = await bench.Device.WriteAsync("siren", PointValue.FromBoolean(true), CancellationToken.None);
        Assert.Equal(PinValue.High, bench.Simulator.GetLevel(SirenPin));
        var off = await bench.Device.WriteAsync("siren", PointValue.FromNumber(0), CancellationToken.None);
        Assert.Equal(PinValue.Low, bench.Simulator.GetLevel(SirenPin));

        Assert.True(on.Succeeded, on.Error);
        Assert.True(off.Succeeded, off.Error);
        Assert.Equal([PinEventTypes.Rising, PinEventTypes.Falling], changes);
        var samples = await bench.Sink.WaitForSamplesAsync("panel.siren", 3);
        Assert.Equal([false, true, false], samples.Select(s => s.Value.Boolean));
    }

    [Fact]
    public async Task Write_Input_IsRejected()
    {
        await using var bench = new GpioTestBench(GpioTestBench.Input("smoke", SmokePin, activeLow: true));
        bench.Start();

        var result = await bench.Device.WriteAsync("smoke", PointValue.FromBoolean(true), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("panel.smoke", result.Error, StringComparison.Ordinal);
        Assert.Contains("17", result.Error, StringComparison.Ordinal);
        Assert.Equal(PinValue.High, bench.Simulator.GetLevel(SmokePin));
    }

    [Fact]
    public async Task Write_UnknownPoint_IsRejected()
    {
        await using var bench = new GpioTestBench(GpioTestBench.Output("siren", SirenPin));
        bench.Start();

        var result = await bench.Device.WriteAsync("horn", PointValue.FromBoolean(true), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("horn", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_NonBooleanValue_IsRejected()
    {
        await using var bench = new GpioTestBench(GpioTestBench.Output("siren", SirenPin));
        bench.Start();

        var text = await bench.Device.WriteAsync("siren", PointValue.FromText("on"), CancellationToken.None);
        var number = await bench.Device.WriteAsync("siren", PointValue.FromNumber(2), CancellationToken.None);

        Assert.False(text.Succeeded);
        Assert.False(number.Succeeded);
        Assert.Equal(PinValue.Low, bench.Simulator.GetLevel(SirenPin));
    }

    [Fact]
    public async Task Write_BeforeStart_IsRejected()
    {
        await using var bench = new GpioTestBench(GpioTestBench.Output("siren", SirenPin));

        var result = await bench.Device.WriteAsync("siren", PointValue.FromBoolean(true), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("panel", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_Input_MessageInChinese()
    {
        await using var bench = new GpioTestBench(GpioTestBench.Input("smoke", SmokePin));
        bench.Start();
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        try
        {
            var result = await bench.Device.WriteAsync("smoke", PointValue.FromBoolean(true), CancellationToken.None);

            Assert.Contains("不能写入", result.Error, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public async Task BusyLine_GivesFaultAndOtherPointsWork()
    {
        await using var bench = new GpioTestBench(
            GpioTestBench.Input("smoke", SmokePin, activeLow: true, debounceMilliseconds: 10),
            GpioTestBench.Input("door", 22, debounceMilliseconds: 10),
            GpioTestBench.Output("siren", SirenPin));
        bench.Simulator.SimulateBusy(SmokePin, "spi0");

        bench.Start();

        var fault = await bench.Sink.WaitForEventAsync("panel", DeviceEventTypes.Fault);
        Assert.Equal("smoke", fault.Attributes!["point"]);
        Assert.Equal("17", fault.Attributes["pin"]);
        Assert.Contains("17", fault.Attributes["reason"], StringComparison.Ordinal);
        Assert.Contains("spi0", fault.Attributes["reason"], StringComparison.Ordinal);
        Assert.Contains("gpioinfo", fault.Attributes["reason"], StringComparison.Ordinal);

        var smoke = await bench.Sink.WaitForSamplesAsync("panel.smoke", 1);
        Assert.Equal(Quality.Bad, smoke[0].Quality);
        Assert.Equal(PointValueKind.None, smoke[0].Value.Kind);

        var write = await bench.Device.WriteAsync("siren", PointValue.FromBoolean(true), CancellationToken.None);
        Assert.True(write.Succeeded, write.Error);
        Assert.Equal(PinValue.High, bench.Simulator.GetLevel(SirenPin));

        bench.Simulator.SetInputLevel(22, PinValue.High);
        bench.Advance(10);
        var door = await bench.Sink.WaitForSamplesAsync("panel.door", 2);
        Assert.True(door[1].Value.Boolean);

        var writeToFaulted = await bench.Device.WriteAsync("smoke", PointValue.FromBoolean(true), CancellationToken.None);
        Assert.False(writeToFaulted.Succeeded);

        Assert.Contains(bench.Logger.Entries, e => e.Level == LogLevel.Error && e.Id.Id == 2201 && e.Message.Contains("17", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BusyLine_OpensOnRetryOnceFreed()
    {
        await using var bench = new GpioTestBench(GpioTestBench.Input("smoke", SmokePin, activeLow: true, debounceMilliseconds: 10));
        bench.Simulator.SimulateBusy(SmokePin, "spi0");
        bench.Start();
        await bench.Sink.WaitForEventAsync("panel", DeviceEventTypes.Fault);

        bench.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.False(bench.Simulator.IsLineOpen(SmokePin));

        bench.Simulator.ClearLineFault(SmokePin);
        bench.Time.Advance(TimeSpan.FromSeconds(10));

        var samples = await bench.Sink.WaitForSamplesAsync("panel.smoke", 2);
        Assert.Equal(Quality.Good, samples[1].Quality);
        Assert.False(samples[1].Value.Boolean);
        Assert.True(bench.Simulator.IsLineOpen(SmokePin));
        Assert.Single(bench.Sink.Events);
    }

    [Fact]
    public async Task AccessDenied_FaultNamesGpioGroup()
    {
        await using var bench = new GpioTestBench(GpioTestBench.Output("siren", SirenPin));
        bench.Simulator.SimulateAccessDenied(SirenPin);

        bench.Start();

        var fault = await bench.Sink.WaitForEventAsync("panel", DeviceEventTypes.Fault);
        Assert.Contains("27", fault.Attributes!["reason"], StringComparison.Ordinal);
        Assert.Contains("gpio", fault.Attributes["reason"], StringComparison.Ordinal);
        var write = await bench.Device.WriteAsync("siren", PointValue.FromBoolean(true), CancellationToken.None);
        Assert.False(write.Succeeded);
    }

    [Fact]
    public void Options_DuplicatePin_AreRejectedWithEveryProblem()
    {
        var options = new GpioDeviceOptions
        {
            DeviceId = "bad.id",
            Points = [GpioTestBench.Input("a", 3), GpioTestBench.Output("b", 3), GpioTestBench.Input("a", 4)],
        };

        var error = Assert.Throws<ArgumentException>(() => new GpioDevice(
            options,
            new GpioController(new SimulatedGpioDriver()),
            new GatewayClock(TimeProvider.System, "boot"),
            new TestLogger<GpioDevice>()));

        Assert.Contains("bad.id", error.Message, StringComparison.Ordinal);
        Assert.Contains("pin 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("'a' is used twice", error.Message, StringComparison.Ordinal);
    }

    private static void Bounce(GpioTestBench bench, params PinValue[] levels)
    {
        for (var i = 0; i < levels.Length; i++)
        {
            if (i > 0)
            {
                bench.Advance(10);
            }

            bench.Simulator.SetInputLevel(SmokePin, levels[i]);
        }
    }

    /// <summary>
    /// Returns the published states of <paramref name="pointId"/> once everything already queued has reached the
    /// sink: a write to the barrier output queues a sample behind them, and the device forwards in order.
    /// </summary>
    private static async Task<bool[]> SettledStatesAsync(GpioTestBench bench, string pointId)
    {
        var barrierCount = bench.Sink.SamplesOf("panel.barrier").Count;
        var next = barrierCount % 2 == 1;
        var result = await bench.Device.WriteAsync("barrier", PointValue.FromBoolean(next), CancellationToken.None);
        Assert.True(result.Succeeded, result.Error);
        await bench.Sink.WaitForSamplesAsync("panel.barrier", barrierCount + 1);
        return bench.Sink.SamplesOf(pointId).Select(s => s.Value.Boolean).ToArray();
    }
}
