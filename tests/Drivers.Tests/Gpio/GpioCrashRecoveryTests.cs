using System.Device.Gpio;
using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Gpio;

using SmartCampus.Edge.TestPeers;

namespace SmartCampus.Edge.Drivers.Tests.Gpio;

public sealed class GpioCrashRecoveryTests
{
    private const int SirenPin = 17;

    [Fact]
    public async Task Restart_AfterCrash_DrivesSafeState()
    {
        // One simulated line bank stands for the GPIO chip, which keeps its levels when the process dies.
        var chip = new SimulatedGpioDriver();
        var siren = new GpioPointOptions
        {
            Name = "siren",
            Direction = GpioDirection.Output,
            Pin = SirenPin,
            OutputMode = GpioOutputMode.Pulse,
            PulseDuration = TimeSpan.FromMinutes(1),
        };
        var options = new GpioDeviceOptions { DeviceId = "alarm", Points = [siren] };

        var crashedController = new GpioController(chip);
        var crashed = new GpioDevice(options, crashedController, new GatewayClock(new FakeTimeProvider(), "boot-1"), new TestLogger<GpioDevice>());
        using var crashedStop = new CancellationTokenSource();
        var crashedRun = crashed.RunAsync(new RecordingSink(), crashedStop.Token);
        Assert.True((await crashed.WriteAsync("siren", PointValue.FromBoolean(true), CancellationToken.None)).Succeeded);

        // The crash: the kernel releases the line, no safe state is driven and the pulse timer never fires.
        crashedController.ClosePin(SirenPin);
        Assert.Equal(PinValue.High, chip.GetLevel(SirenPin));

        var restarted = new GpioDevice(options, new GpioController(chip), new GatewayClock(new FakeTimeProvider(), "boot-2"), new TestLogger<GpioDevice>());
        var sink = new RecordingSink();
        using var stop = new CancellationTokenSource();
        var run = restarted.RunAsync(sink, stop.Token);

        Assert.Equal(PinValue.Low, chip.GetLevel(SirenPin));
        var samples = await sink.WaitForSamplesAsync("alarm.siren", 1);
        Assert.False(samples[0].Value.Boolean);

        await stop.CancelAsync();
        await run;
        await restarted.DisposeAsync();
        await crashedStop.CancelAsync();
        await crashedRun;
    }
}
