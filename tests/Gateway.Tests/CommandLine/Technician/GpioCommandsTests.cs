using System.Device.Gpio;
using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Drivers.Gpio;
using SmartCampus.Edge.Gateway.CommandLine;
using SmartCampus.Edge.Gateway.CommandLine.Technician;
using SmartCampus.Edge.Gateway.Hosting;

namespace SmartCampus.Edge.Gateway.Tests.CommandLine.Technician;

/// <summary>GPIO read and pulse on the simulated driver, whose output changes the test records.</summary>
public sealed class GpioCommandsTests : IDisposable
{
    private readonly TechnicianSite _site = new();
    private readonly SimulatedGpioDriver _simulator = new();
    private readonly List<(int Pin, PinEventTypes Change)> _changes = [];

    public GpioCommandsTests()
    {
        _simulator.OutputChanged += (_, args) =>
        {
            lock (_changes)
            {
                _changes.Add((args.PinNumber, args.ChangeType));
            }
        };
    }

    [Fact]
    public async Task Pulse_DrivesActiveThenSafe()
    {
        var clock = new FakeTimeProvider();
        var output = new StringWriter();

        var pulse = GpioCommands.PulseAsync(_site.Site, "fire-panel.siren", TimeSpan.FromSeconds(2), output, new StringWriter(), Open, clock, CancellationToken.None);
        Assert.True(await Eventually.WaitUntilAsync(() => Changes().Count >= 1, TimeSpan.FromSeconds(5)), "The output was not driven.");
        Assert.False(pulse.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(ExitCodes.Success, await pulse);
        Assert.Equal([(27, PinEventTypes.Rising), (27, PinEventTypes.Falling)], Changes());
        Assert.Contains("back to the safe state, level low", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pulse_ActiveLowUsesConfiguredPulse()
    {
        var clock = new FakeTimeProvider();

        var pulse = GpioCommands.PulseAsync(_site.Site, "fire-panel.strike", null, new StringWriter(), new StringWriter(), Open, clock, CancellationToken.None);
        Assert.True(await Eventually.WaitUntilAsync(() => Changes().Count >= 1, TimeSpan.FromSeconds(5)));
        clock.Advance(TimeSpan.FromMilliseconds(299));
        await Task.Delay(50);
        Assert.False(pulse.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(ExitCodes.Success, await pulse);

        // Active low: safe (false) is high, active is low. The line opens at its safe level.
        Assert.Equal([(22, PinEventTypes.Falling), (22, PinEventTypes.Rising)], Changes().Where(change => change.Pin == 22));
    }

    [Fact]
    public async Task Pulse_CancelledStillReverts()
    {
        using var cancellation = new CancellationTokenSource();

        var pulse = GpioCommands.PulseAsync(_site.Site, "fire-panel.siren", TimeSpan.FromSeconds(30), new StringWriter(), new StringWriter(), Open, new FakeTimeProvider(), cancellation.Token);
        Assert.True(await Eventually.WaitUntilAsync(() => Changes().Count >= 1, TimeSpan.FromSeconds(5)));
        await cancellation.CancelAsync();

        Assert.Equal(ExitCodes.Success, await pulse);
        Assert.Equal((27, PinEventTypes.Falling), Changes()[^1]);
    }

    [Fact]
    public async Task Pulse_RejectsInput()
    {
        var error = new StringWriter();

        var exitCode = await GpioCommands.PulseAsync(_site.Site, "fire-panel.smoke", null, new StringWriter(), error, Open, new FakeTimeProvider(), CancellationToken.None);

        Assert.Equal(ExitCodes.InvalidConfiguration, exitCode);
        Assert.Contains("is an input", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(Changes());
    }

    [Fact]
    public async Task Pulse_RejectsTooLong()
    {
        var exitCode = await GpioCommands.PulseAsync(_site.Site, "fire-panel.siren", TimeSpan.FromMinutes(5), new StringWriter(), new StringWriter(), Open, new FakeTimeProvider(), CancellationToken.None);

        Assert.Equal(ExitCodes.InvalidConfiguration, exitCode);
        Assert.Empty(Changes());
    }

    [Fact]
    public void Read_ReportsLevelAndValue()
    {
        _simulator.SetInputLevel(17, PinValue.High);
        var output = new StringWriter();

        var exitCode = GpioCommands.Read(_site.Site, "fire-panel.smoke", output, new StringWriter(), Open);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("fire-panel.smoke (pin 17): level high, value false", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zh-CN", "fire-panel.smoke（引脚 17）：高电平，值 false")]
    [InlineData("en", "fire-panel.smoke (pin 17): level high, value false")]
    public void Read_LevelInLanguage(string culture, string expected)
    {
        _simulator.SetInputLevel(17, PinValue.High);
        var output = new StringWriter();
        using var language = new UiCulture(culture);

        GpioCommands.Read(_site.Site, "fire-panel.smoke", output, new StringWriter(), Open);

        Assert.Equal(expected, output.ToString().TrimEnd());
    }

    [Fact]
    public async Task Pulse_ZhCnNamesLevels()
    {
        var clock = new FakeTimeProvider();
        var output = new StringWriter();
        using var language = new UiCulture("zh-CN");

        var pulse = GpioCommands.PulseAsync(_site.Site, "fire-panel.siren", TimeSpan.FromSeconds(1), output, new StringWriter(), Open, clock, CancellationToken.None);
        Assert.True(await Eventually.WaitUntilAsync(() => Changes().Count >= 1, TimeSpan.FromSeconds(5)), "The output was not driven.");
        clock.Advance(TimeSpan.FromSeconds(1));
        await pulse;

        Assert.Contains("已置为有效，高电平，持续 1000 毫秒", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("已恢复到安全状态，低电平。", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("low", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UndrivenActiveLowIsInactive()
    {
        // Nothing drives the simulated contact: like the gateway, the read biases an active-low input up.
        var output = new StringWriter();

        var exitCode = GpioCommands.Read(_site.Site, "fire-panel.smoke", output, new StringWriter(), Open);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("fire-panel.smoke (pin 17): level high, value false", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownPointListsKnown()
    {
        var error = new StringWriter();

        var exitCode = GpioCommands.Read(_site.Site, "fire-panel.bell", new StringWriter(), error, Open);

        Assert.Equal(ExitCodes.InvalidConfiguration, exitCode);
        Assert.Contains("fire-panel.smoke, fire-panel.siren, fire-panel.strike", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownPointListsKnownInChinese()
    {
        var error = new StringWriter();
        using var language = new UiCulture("zh-CN");

        GpioCommands.Read(_site.Site, "fire-panel.bell", new StringWriter(), error, Open);

        Assert.Contains("已有的 GPIO 点位：fire-panel.smoke、fire-panel.siren、fire-panel.strike。", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunningGateway_Refused()
    {
        Assert.True(InstanceLock.TryAcquire(_site.DataDirectory, out var instanceLock));
        using (instanceLock)
        {
            var error = new StringWriter();

            var exitCode = await GpioCommands.PulseAsync(_site.Site, "fire-panel.siren", null, new StringWriter(), error, Open, new FakeTimeProvider(), CancellationToken.None);

            Assert.Equal(ExitCodes.InstanceLocked, exitCode);
            Assert.Contains("systemctl stop smartcampus-edge", error.ToString(), StringComparison.Ordinal);
            Assert.Empty(Changes());
        }

        Assert.Equal(ExitCodes.Success, GpioCommands.Read(_site.Site, "fire-panel.smoke", new StringWriter(), new StringWriter(), Open));
    }

    public void Dispose() => _site.Dispose();

    private GpioControllerHandle Open(Drivers.Gpio.GpioDriverKind kind)
    {
        Assert.Equal(Drivers.Gpio.GpioDriverKind.Simulated, kind);
        return new GpioControllerHandle(new GpioController(_simulator), _simulator);
    }

    private List<(int Pin, PinEventTypes Change)> Changes()
    {
        lock (_changes)
        {
            return [.. _changes];
        }
    }
}
