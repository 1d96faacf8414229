using System.Device.Gpio;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.Composition;
using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Gateway.Hosting;
using SmartCampus.Edge.Gateway.Pipeline;
using SmartCampus.Edge.Gateway.Tests.EndToEnd;
using SmartCampus.Edge.Sync.Outbox;
using SmartCampus.Edge.Sync.Tests.Support;

namespace SmartCampus.Edge.Gateway.Tests.Pipeline;

/// <summary>
/// A running host whose outbox log file fails a write while a rule fires, and whose first reopen is denied, on real
/// files. The district link points at a closed port, so the records stay in the outbox where the test reads them.
/// </summary>
public sealed class PipelineOutboxFaultTests : IAsyncLifetime
{
    private const int SmokePin = PipelineTelemetryTests.SmokePin;
    private const int SirenPin = PipelineTelemetryTests.SirenPin;
    private const string LogFile = "outbox-log.db";

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private readonly string _directory = Directory.CreateTempSubdirectory("smartcampus-pipeline-outbox-fault-").FullName;
    private readonly FailingDisk _disk = new();
    private IHost? _host;

    private IHost Host => _host!;

    private OutboxStore Outbox => Host.Services.GetRequiredService<OutboxStore>();

    public async Task InitializeAsync()
    {
        var result = SiteConfigurationLoader.LoadFromText(PipelineTelemetryTests.Campus(LoopbackPort.Free(), LoopbackPort.Free()), "campus.yaml", _directory, CultureInfo.GetCultureInfo("en"));
        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        var settings = new GatewayHostSettings
        {
            ReplaceStaticLogger = false,
            WriteLogToConsole = false,
            ConfigureOutbox = options => options.OpenFile = _disk.Open,
        };
        _host = GatewayHost.Build(result.Configuration!, settings);
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _host.StopAsync(timeout.Token);
            _host.Dispose();
        }

        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task RuleDuringOutboxFault_GatewayKeepsRunning()
    {
        var panel = Host.Services.GetRequiredService<DeviceSet>().SimulatedGpio["panel"];
        var pipeline = Host.Services.GetRequiredService<PipelineService>();
        await PublishAsync("r00", 0);
        Assert.True(await Eventually.WaitUntilAsync(() => Stored("r00"), Wait), "The sample before the fault is not in the outbox.");

        // The alarm's commit fails on the log write, and the reopen right after it is denied, so the database stays
        // closed for the 1 s backoff while the pipeline goes on.
        _disk.FailNextWrites(LogFile);
        _disk.FailNextOpens(1);
        panel.SetInputLevel(SmokePin, PinValue.High);

        Assert.True(await Eventually.WaitUntilAsync(() => panel.GetLevel(SirenPin) == PinValue.High, Wait), "The fire rule did not drive the siren.");
        Assert.True(await Eventually.WaitUntilAsync(() => Outbox.Health is { State: OutboxState.Open, Reopens: >= 1 }, Wait), $"The outbox did not reopen: {Outbox.Health}");
        Assert.True(await Eventually.WaitUntilAsync(() => AlarmTypes().Contains(RecordJson.AlarmRaisedType), Wait), "The fire alarm is not in the outbox after the reopen.");

        await PublishAsync("r01", 1);
        Assert.True(await Eventually.WaitUntilAsync(() => Stored("r01"), Wait), "The sample after the reopen is not in the outbox.");

        Assert.False(pipeline.ExecuteTask!.IsCompleted, $"The pipeline stopped: {pipeline.ExecuteTask.Exception?.InnerException}");
        Assert.Equal(PinValue.High, panel.GetLevel(SirenPin));
        Assert.Equal(2, _disk.Failures);
        Assert.Equal(1, Outbox.Health.ReopenFailures);
        Assert.Single(AlarmTypes(), type => type == RecordJson.AlarmRaisedType);
        Assert.True(await Eventually.WaitUntilAsync(() => SmokeStored(), Wait), "The smoke sample of the failed commit is not in the outbox.");
    }

    private async Task PublishAsync(string register, double value)
    {
        var channel = Host.Services.GetRequiredService<FieldChannel>();
        var clock = Host.Services.GetRequiredService<GatewayClock>();
        var sample = new Sample(new PointId("room-201-air", register), PointValue.FromNumber(value), Quality.Good, clock.UtcNow, clock.Stamp());
        await channel.PublishSampleAsync(sample, CancellationToken.None);
    }

    private List<string> AlarmTypes() => Outbox.PeekOldest(OutboxLane.Alarms, 100).Select(record => record.Type).ToList();

    private bool Stored(string register) => Telemetry().Any(payload => payload.Contains($"room-201-air.{register}", StringComparison.Ordinal));

    private bool SmokeStored() => Telemetry().Any(payload => payload.Contains("panel.smoke", StringComparison.Ordinal) && payload.Contains("\"value\":true", StringComparison.Ordinal));

    private List<string> Telemetry() =>
        Outbox.PeekOldest(OutboxLane.Telemetry, 1000)
            .Where(record => record.Type == RecordJson.SamplesType)
            .Select(record => JsonDocument.Parse(record.Payload).RootElement.GetRawText())
            .ToList();
}
