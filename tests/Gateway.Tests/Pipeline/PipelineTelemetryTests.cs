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
using SmartCampus.Edge.TestPeers;

namespace SmartCampus.Edge.Gateway.Tests.Pipeline;

/// <summary>
/// Telemetry records written by the running host's pipeline into its real outbox file. The district link points at
/// a closed port, so the records stay in the outbox where the test reads them.
/// </summary>
public sealed class PipelineTelemetryTests : IAsyncLifetime
{
    internal const int SmokePin = 17;
    internal const int SirenPin = 27;

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly string _directory = Directory.CreateTempSubdirectory("smartcampus-pipeline-telemetry-").FullName;
    private IHost? _host;

    private IHost Host => _host!;

    private OutboxStore Outbox => Host.Services.GetRequiredService<OutboxStore>();

    public async Task InitializeAsync()
    {
        var result = SiteConfigurationLoader.LoadFromText(Campus(LoopbackPort.Free(), LoopbackPort.Free()), "campus.yaml", _directory, CultureInfo.GetCultureInfo("en"));
        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        _host = GatewayHost.Build(result.Configuration!, new GatewayHostSettings { ReplaceStaticLogger = false, WriteLogToConsole = false });
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
    public async Task DevicePoll_BecomesOneRecord()
    {
        var channel = Host.Services.GetRequiredService<FieldChannel>();
        var clock = Host.Services.GetRequiredService<GatewayClock>();

        // As a driver does after one poll: the samples one by one, without waiting in between.
        for (var register = 0; register < 20; register++)
        {
            await channel.PublishSampleAsync(new Sample(new PointId("room-201-air", $"r{register:D2}"), PointValue.FromNumber(register), Quality.Good, clock.UtcNow, clock.Stamp()), CancellationToken.None);
        }

        Assert.True(await Eventually.WaitUntilAsync(() => SamplesOf("room-201-air").Sum(record => record.Samples.Count) == 20, Wait), "The 20 samples did not all reach the outbox.");
        var records = SamplesOf("room-201-air");

        // One record when the pass catches the whole poll; the 5 ms window allows a second under a very busy machine.
        // One record per sample, as before, would be 20.
        Assert.InRange(records.Count, 1, 2);
        Assert.Equal(Enumerable.Range(0, 20).Select(register => $"room-201-air.r{register:D2}"), records.SelectMany(record => record.Samples));
    }

    [Fact]
    public async Task Alarm_StoredBeforeTheTelemetryOfItsPass()
    {
        var panel = Host.Services.GetRequiredService<DeviceSet>().SimulatedGpio["panel"];

        panel.SetInputLevel(SmokePin, PinValue.High);

        Assert.True(await Eventually.WaitUntilAsync(() => SamplesOf("panel").Any(record => record.Samples.Contains("panel.smoke") && record.Payload.Contains("\"value\":true", StringComparison.Ordinal)), Wait), "The smoke sample is not in the outbox.");
        var alarm = Outbox.PeekOldest(OutboxLane.Alarms, 20).First(record => record.Type == RecordJson.AlarmRaisedType);
        var smoke = SamplesOf("panel").Last(record => record.Samples.Contains("panel.smoke"));

        // The alarm is appended while its sample is processed; the sample's telemetry only when the pass ends.
        Assert.True(alarm.Sequence < smoke.Sequence, $"alarm record {alarm.Sequence}, smoke telemetry record {smoke.Sequence}");
    }

    private List<(long Sequence, List<string> Samples, string Payload)> SamplesOf(string device) =>
        Outbox.PeekOldest(OutboxLane.Telemetry, 1000)
            .Where(record => record.Type == RecordJson.SamplesType)
            .Select(record => (record.Sequence, Payload: JsonDocument.Parse(record.Payload).RootElement.Clone()))
            .Where(record => record.Payload.GetProperty("device").GetString() == device)
            .Select(record => (record.Sequence, record.Payload.GetProperty("samples").EnumerateArray().Select(sample => sample.GetProperty("point").GetString()!).ToList(), record.Payload.GetRawText()))
            .ToList();

    /// <summary>A site with one simulated GPIO panel whose fire rule drives the siren when the smoke input goes high.</summary>
    internal static string Campus(int campusPort, int closedPort) => GatewayRig.SiteHead(closedPort, campusPort) + "\n" + $$"""
        devices:
          - id: panel
            kind: gpio
            driver: simulated
            points:
              - id: smoke
                direction: input
                pin: {{SmokePin}}
                debounce: 0ms
              - id: siren
                direction: output
                pin: {{SirenPin}}
                safeState: false
        rules:
          - id: fire
            kind: input
            point: panel.smoke
            equals: true
            severity: critical
            actions:
              - setOutput: panel.siren
                value: true
        """;
}
