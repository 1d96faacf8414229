using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Gateway.Hosting.Systemd;
using SmartCampus.Edge.Gateway.Pipeline;

namespace SmartCampus.Edge.Gateway.Tests.Systemd;

/// <summary>The notifier's READY, WATCHDOG and STOPPING messages against a pipeline heartbeat on a fake clock.</summary>
public sealed class SystemdWatchdogServiceTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private readonly FakeTimeProvider _clock = new();
    private readonly RecordingNotifier _notifier = new();
    private readonly ApplicationLifetime _lifetime = new(NullLogger<ApplicationLifetime>.Instance);
    private readonly PipelineHeartbeat _heartbeat;

    public SystemdWatchdogServiceTests()
    {
        _heartbeat = new PipelineHeartbeat(_clock);
    }

    [Fact]
    public async Task Ready_WaitsForFirstPass()
    {
        using var service = Create(Interval);
        await service.StartAsync(CancellationToken.None);

        _clock.Advance(Interval);
        await Task.Delay(100);
        Assert.Empty(_notifier.States);

        _heartbeat.Beat();
        Assert.True(await Eventually.WaitUntilAsync(() => _notifier.States.Count >= 2, Wait), string.Join(" | ", _notifier.States));
        Assert.StartsWith("READY=1", _notifier.States[0], StringComparison.Ordinal);
        Assert.Equal("WATCHDOG=1", _notifier.States[1]);

        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Watchdog_StopsWhilePipelineStalls()
    {
        using var service = Create(Interval);
        await service.StartAsync(CancellationToken.None);
        _heartbeat.Beat();
        Assert.True(await Eventually.WaitUntilAsync(() => _notifier.Count("WATCHDOG=1") == 1, Wait));

        // A moving pipeline: every quarter interval a tick feeds the watchdog.
        for (var i = 0; i < 4; i++)
        {
            _heartbeat.Beat();
            _clock.Advance(Interval / 4);
            Assert.True(await Eventually.WaitUntilAsync(() => _notifier.Count("WATCHDOG=1") == i + 2, Wait), $"Feed {i + 2} missing.");
        }

        // The heartbeat stops: one more feed while it is within half the interval, then none.
        _clock.Advance(Interval / 4);
        Assert.True(await Eventually.WaitUntilAsync(() => _notifier.Count("WATCHDOG=1") == 6, Wait));
        for (var i = 0; i < 4; i++)
        {
            _clock.Advance(Interval / 4);
            await Task.Delay(50);
        }

        Assert.Equal(6, _notifier.Count("WATCHDOG=1"));

        // Moving again: feeding resumes at the next timer tick.
        _heartbeat.Beat();
        _clock.Advance(Interval / 4);
        Assert.True(await Eventually.WaitUntilAsync(() => _notifier.Count("WATCHDOG=1") == 7, Wait), "Feeding did not resume.");

        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Stopping_SentWhenHostStops()
    {
        using var service = Create(watchdog: null);
        await service.StartAsync(CancellationToken.None);
        _heartbeat.Beat();
        Assert.True(await Eventually.WaitUntilAsync(() => _notifier.States.Count == 1, Wait));

        _lifetime.StopApplication();
        await service.StopAsync(CancellationToken.None);

        Assert.Equal("STOPPING=1", _notifier.States[^1]);
        Assert.Equal(0, _notifier.Count("WATCHDOG=1"));
    }

    [Theory]
    [InlineData("30000000", null, 30_000)]
    [InlineData("30000000", "42", 30_000)]
    [InlineData("30000000", "43", -1)]
    [InlineData("0", null, -1)]
    [InlineData("-5", null, -1)]
    [InlineData("abc", null, -1)]
    [InlineData(null, null, -1)]
    public void Settings_ParseWatchdogUsec(string? microseconds, string? pid, double expectedMilliseconds)
    {
        var settings = SystemdWatchdogSettings.Parse(microseconds, pid, processId: 42);

        Assert.Equal(expectedMilliseconds, settings.Interval?.TotalMilliseconds ?? -1);
    }

    private SystemdWatchdogService Create(TimeSpan? watchdog) =>
        new(_notifier, new SystemdWatchdogSettings(watchdog), _heartbeat, _lifetime, _clock, NullLogger<SystemdWatchdogService>.Instance);
}
