using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Gateway.Downlink;
using SmartCampus.Edge.Gateway.Hosting;
using SmartCampus.Edge.Gateway.Tests.Configuration;
using SmartCampus.Edge.Sync.Outbox;
using SmartCampus.Edge.Sync.Uplink;

namespace SmartCampus.Edge.Gateway.Tests.Downlink;

/// <summary>The start after a configuration update keeps or reports it, with a real outbox file.</summary>
public sealed class ConfigurationConfirmationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("smartcampus-config-confirm-").FullName;
    private readonly string _path;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 9, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly OutboxStore _outbox;
    private readonly FakeUplink _uplink = new();
    private readonly GatewayRestart _restart;

    public ConfigurationConfirmationTests()
    {
        _path = Path.Combine(_directory, "campus.yaml");
        File.WriteAllText(_path, SiteYaml.Valid);
        _outbox = new OutboxStore(
            new OutboxOptions { DatabasePath = Path.Combine(_directory, "outbox.db"), TelemetryCommitWindow = TimeSpan.Zero },
            _time,
            NullLogger<OutboxStore>.Instance);
        _restart = new GatewayRestart(new StubLifetime(), _time, NullLogger<GatewayRestart>.Instance);
    }

    public void Dispose()
    {
        _outbox.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task OnTrial_ConfirmedAfterRunningAndReported()
    {
        var change = StageAndStart("cfg-1");
        using var confirmation = Confirmation(change);
        await confirmation.StartAsync(CancellationToken.None);

        var advanced = await AdvanceUntilAsync(() => PendingConfiguration.Read(_path) is null);

        Assert.True(advanced >= ConfigurationTrial.ConfirmAfter, $"confirmed after {advanced.TotalSeconds} s, before the trial time");
        Assert.True(await Eventually.WaitUntilAsync(() => _outbox.Count(OutboxLane.Events) == 1, TimeSpan.FromSeconds(10)), "no event record");
        var record = Assert.Single(_outbox.PeekOldest(OutboxLane.Events, 10));
        Assert.Equal(ConfigurationConfirmation.AppliedType, record.Type);
        using var payload = JsonDocument.Parse(record.Payload);
        Assert.Equal("cfg-1", payload.RootElement.GetProperty("commandId").GetString());
        Assert.Equal(change.NewVersion, payload.RootElement.GetProperty("inForce").GetString());
        await confirmation.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task OnTrial_StoppedEarly_NextStartRollsBack()
    {
        var change = StageAndStart("cfg-2");
        using (var confirmation = Confirmation(change))
        {
            await confirmation.StartAsync(CancellationToken.None);
            _time.Advance(TimeSpan.FromSeconds(10));
            await confirmation.StopAsync(CancellationToken.None);
        }

        var next = ConfigurationTrial.PrepareStart(_path, SiteYaml.English);

        Assert.Equal(0, _outbox.Count(OutboxLane.Events));
        Assert.Equal(ConfigurationChangeOutcome.RolledBack, next?.Outcome);
        Assert.Equal(SiteYaml.Valid, await File.ReadAllTextAsync(_path));
    }

    [Fact]
    public async Task RolledBack_ReportedAtOnce()
    {
        var change = new ConfigurationChange("cfg-3", ConfigurationChangeOutcome.RolledBack, "aaaaaaaaaaaa", "bbbbbbbbbbbb", "The new configuration is invalid.");
        using var confirmation = Confirmation(change);
        await confirmation.StartAsync(CancellationToken.None);

        Assert.True(await Eventually.WaitUntilAsync(() => _outbox.Count(OutboxLane.Events) == 1, TimeSpan.FromSeconds(10)), "no event record");

        var record = Assert.Single(_outbox.PeekOldest(OutboxLane.Events, 10));
        Assert.Equal(ConfigurationConfirmation.RolledBackType, record.Type);
        using var payload = JsonDocument.Parse(record.Payload);
        Assert.Equal("bbbbbbbbbbbb", payload.RootElement.GetProperty("inForce").GetString());
        Assert.Equal("The new configuration is invalid.", payload.RootElement.GetProperty("reason").GetString());
        await confirmation.StopAsync(CancellationToken.None);
    }

    [Theory]
    [InlineData("not-confirmed", "zh-CN", "网关使用新配置运行未达到确认时间（已停止、崩溃或启动失败）。")]
    [InlineData("not-confirmed", "en", "The gateway did not run for the confirmation time with the new configuration")]
    [InlineData("not-in-place", "zh-CN", "网关启动时新文件尚未就位，因此继续运行之前的配置。")]
    [InlineData("invalid", "zh-CN", "新配置无效：")]
    [InlineData("hand-edited", "zh-CN", "以手动修改为准")]
    public async Task StartOutcome_ReasonInOperatorLanguage(string outcome, string language, string expected)
    {
        // The start that rolls back has not read gateway.language yet, so it words the reason in the system's language.
        var change = PrepareOutcome(outcome);
        using var confirmation = Confirmation(change, CultureInfo.GetCultureInfo(language));
        await confirmation.StartAsync(CancellationToken.None);

        Assert.True(await Eventually.WaitUntilAsync(() => _outbox.Count(OutboxLane.Events) == 1, TimeSpan.FromSeconds(10)), "no event record");

        var record = Assert.Single(_outbox.PeekOldest(OutboxLane.Events, 10));
        using var payload = JsonDocument.Parse(record.Payload);
        var reason = payload.RootElement.GetProperty("reason").GetString();
        Assert.Contains(expected, reason, StringComparison.Ordinal);
        await confirmation.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task DistrictNeverReached_RollsBack()
    {
        _uplink.State = new UplinkState
        {
            Connection = UplinkConnectionState.Disconnected,
            LastError = "The broker at 127.0.0.1:8883 rejected the connection with NotAuthorized (135).",
        };
        var change = StageAndStart("cfg-4", districtRequired: true);
        using var confirmation = Confirmation(change);
        await confirmation.StartAsync(CancellationToken.None);

        await AdvanceUntilAsync(() => PendingConfiguration.Read(_path) is null);

        Assert.Equal(SiteYaml.Valid, await File.ReadAllTextAsync(_path));
        Assert.True(await Eventually.WaitUntilAsync(() => _restart.Requested, TimeSpan.FromSeconds(10)), "no restart onto the previous file");
        Assert.True(await Eventually.WaitUntilAsync(() => _outbox.Count(OutboxLane.Events) == 1, TimeSpan.FromSeconds(10)), "no event record");
        var record = Assert.Single(_outbox.PeekOldest(OutboxLane.Events, 10));
        Assert.Equal(ConfigurationConfirmation.RolledBackType, record.Type);
        using var payload = JsonDocument.Parse(record.Payload);
        var reason = payload.RootElement.GetProperty("reason").GetString();
        Assert.Contains("district.username", reason, StringComparison.Ordinal);
        Assert.Contains("NotAuthorized", reason, StringComparison.Ordinal);
        await confirmation.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task DistrictNeverReached_HandEditKept()
    {
        _uplink.State = new UplinkState { Connection = UplinkConnectionState.Disconnected };
        var change = StageAndStart("cfg-7", districtRequired: true);
        using var confirmation = Confirmation(change);
        await confirmation.StartAsync(CancellationToken.None);

        // The technician fixes the district settings by hand while the update is on trial.
        var edited = SiteYaml.Valid.Replace("above: 1500", "above: 1700", StringComparison.Ordinal);
        await File.WriteAllTextAsync(_path, edited);
        await AdvanceUntilAsync(() => PendingConfiguration.Read(_path) is null);

        Assert.Equal(edited, await File.ReadAllTextAsync(_path));
        Assert.True(await Eventually.WaitUntilAsync(() => _outbox.Count(OutboxLane.Events) == 1, TimeSpan.FromSeconds(10)), "no event record");
        Assert.False(_restart.Requested);
        var record = Assert.Single(_outbox.PeekOldest(OutboxLane.Events, 10));
        Assert.Equal(ConfigurationConfirmation.SupersededType, record.Type);
        using var payload = JsonDocument.Parse(record.Payload);
        Assert.Equal(ConfigurationVersion.OfFile(_path), payload.RootElement.GetProperty("inForce").GetString());
        var reason = payload.RootElement.GetProperty("reason").GetString();
        Assert.Contains("edited by hand", reason, StringComparison.Ordinal);
        Assert.Contains("nothing was rolled back", reason, StringComparison.Ordinal);
        await confirmation.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task DistrictUpdate_Connected_Confirmed()
    {
        var change = StageAndStart("cfg-5", districtRequired: true);
        using var confirmation = Confirmation(change);
        await confirmation.StartAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(1));
        _uplink.State = new UplinkState { Connection = UplinkConnectionState.Connected };

        await AdvanceUntilAsync(() => PendingConfiguration.Read(_path) is null);

        Assert.NotEqual(SiteYaml.Valid, await File.ReadAllTextAsync(_path));
        Assert.False(_restart.Requested);
        await confirmation.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task PlannedRestart_KeepsTrial()
    {
        var change = StageAndStart("cfg-6");
        using (var confirmation = Confirmation(change))
        {
            await confirmation.StartAsync(CancellationToken.None);
            _time.Advance(TimeSpan.FromSeconds(10));
            _restart.Request("restart command during the trial");
            await confirmation.StopAsync(CancellationToken.None);
        }

        var next = ConfigurationTrial.PrepareStart(_path, SiteYaml.English);

        Assert.Equal(ConfigurationChangeOutcome.OnTrial, next?.Outcome);
        Assert.NotEqual(SiteYaml.Valid, await File.ReadAllTextAsync(_path));
    }

    /// <summary>Moves the clock in 1 s steps, since the service waits on its own thread, until the condition holds; returns the time moved.</summary>
    private async Task<TimeSpan> AdvanceUntilAsync(Func<bool> condition)
    {
        var advanced = TimeSpan.Zero;
        while (!condition())
        {
            Assert.True(advanced < TimeSpan.FromMinutes(5), "nothing happened within 5 minutes of trial");
            _time.Advance(TimeSpan.FromSeconds(1));
            advanced += TimeSpan.FromSeconds(1);
            await Task.Delay(10);
        }

        return advanced;
    }

    private ConfigurationChange StageAndStart(string commandId, bool districtRequired = false)
    {
        var changed = SiteYaml.Valid.Replace("above: 1500", "above: 1600", StringComparison.Ordinal);
        Assert.True(new ConfigurationUpdater(_path, CultureInfo.GetCultureInfo("en")).Stage(commandId, changed, districtRequired).RestartNeeded);
        var change = ConfigurationTrial.PrepareStart(_path, SiteYaml.English);
        Assert.Equal(ConfigurationChangeOutcome.OnTrial, change?.Outcome);
        return change!;
    }

    /// <summary>Makes the start after an update end in <paramref name="outcome"/>, as a start with an English system does.</summary>
    private ConfigurationChange PrepareOutcome(string outcome)
    {
        var edited = SiteYaml.Valid.Replace("above: 1500", "above: 1700", StringComparison.Ordinal);
        switch (outcome)
        {
            case "not-confirmed":
                StageAndStart("cfg-8");
                break;

            case "not-in-place":
                new PendingConfiguration("cfg-8", "0123456789ab", ConfigurationVersion.OfFile(_path), 0).Write(_path);
                break;

            case "invalid":
                StageAndStart("cfg-8");
                File.WriteAllText(_path, SiteYaml.Valid.Replace("above: 1500", "above: lots", StringComparison.Ordinal));
                (PendingConfiguration.Read(_path)! with { NewVersion = ConfigurationVersion.OfFile(_path), StartAttempts = 0 }).Write(_path);
                break;

            default:
                StageAndStart("cfg-8");
                File.WriteAllText(_path, edited);
                break;
        }

        var change = ConfigurationTrial.PrepareStart(_path, SiteYaml.English);
        Assert.NotNull(change);
        Assert.NotEqual(ConfigurationChangeOutcome.OnTrial, change.Outcome);
        return change;
    }

    private ConfigurationConfirmation Confirmation(ConfigurationChange change, CultureInfo? operatorLanguage = null) => new(
        _path,
        change,
        _outbox,
        _restart,
        new OperatorLanguage(operatorLanguage ?? SiteYaml.English),
        _uplink,
        _time,
        NullLogger<ConfigurationConfirmation>.Instance);

    private sealed class FakeUplink : IUplinkStateSource
    {
        public UplinkState State { get; set; } = new() { Connection = UplinkConnectionState.Connecting };
    }
}
