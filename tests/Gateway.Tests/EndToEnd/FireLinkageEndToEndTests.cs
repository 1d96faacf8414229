using System.Device.Gpio;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using SmartCampus.Edge.Drivers.Mqtt.Gates;
using SmartCampus.Edge.Gateway.Composition;
using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Gateway.Devices;
using SmartCampus.Edge.Gateway.Hosting;
using SmartCampus.Edge.Gateway.Pipeline;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Engine;
using SmartCampus.Edge.Sync.Outbox;

namespace SmartCampus.Edge.Gateway.Tests.EndToEnd;

/// <summary>
/// The fire scenario through the whole host on the real embedded broker: a smoke input sounds the siren, holds the
/// escape gate open, puts an emergency notice on the boards, and a lock command from the district is rejected.
/// </summary>
public sealed class FireLinkageEndToEndTests : IDisposable
{
    private const string GatePassword = "gate-east-test-secret";
    private const string BoardPassword = "board-201-test-secret";

    private readonly string _directory = Directory.CreateTempSubdirectory("smartcampus-fire-").FullName;

    [Fact]
    public async Task SmokeInput_HoldsGateOpenAndRejectsLock()
    {
        var campusPort = LoopbackPort.Free();
        var result = SiteConfigurationLoader.LoadFromText(Campus(campusPort, LoopbackPort.Free()), "campus.yaml", _directory, CultureInfo.GetCultureInfo("en"));
        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        using var host = GatewayHost.Build(result.Configuration!, new GatewayHostSettings { ReplaceStaticLogger = false, WriteLogToConsole = false });
        await host.StartAsync();
        await using var gate = await MqttRecorder.ConnectAsync("127.0.0.1", campusPort, "campus/gates/gate-east/command", "gate-east", GatePassword, "gate-east-controller");
        await using var board = await MqttRecorder.ConnectAsync("127.0.0.1", campusPort, "campus/boards/board-201/emergency", "board-201", BoardPassword, "board-201");
        var panel = host.Services.GetRequiredService<DeviceSet>().SimulatedGpio["fire-panel"];
        var registry = host.Services.GetRequiredService<DeviceRegistry>();
        Assert.True(registry.TryGet("gate-east", out var gateDriver));
        var gateControl = Assert.IsType<AccessGateDriver>(gateDriver);

        // Active-low smoke contact: low means smoke.
        panel.SetInputLevel(17, PinValue.Low);

        Assert.True(await Eventually.WaitUntilAsync(() => gateControl.IsHeld, TimeSpan.FromSeconds(10)), "The fire rule did not hold the gate open.");
        Assert.True(await Eventually.WaitUntilAsync(() => gate.Texts("campus/gates/gate-east/command").Any(text => text.Contains("normallyOpen", StringComparison.Ordinal)), TimeSpan.FromSeconds(10)), "The gate controller got no normallyOpen command.");
        Assert.True(await Eventually.WaitUntilAsync(() => board.Texts("campus/boards/board-201/emergency").Count > 0, TimeSpan.FromSeconds(10)), "The board got no emergency notice.");
        Assert.True(await Eventually.WaitUntilAsync(() => panel.GetLevel(27) == PinValue.High, TimeSpan.FromSeconds(10)), "The siren is not on.");

        var locked = await gateControl.SendCommandAsync(GateCommand.Locked, "district", CancellationToken.None);
        var engine = host.Services.GetRequiredService<RuleEngine>();

        // The refused command is audited like any other: a gateCommand event in the outbox's event lane.
        var outbox = host.Services.GetRequiredService<OutboxStore>();
        var audited = await Eventually.WaitUntilAsync(() => RefusedLockAudit(outbox) is not null, TimeSpan.FromSeconds(10));
        await host.StopAsync();
        Assert.True(audited, "No audit record of the refused lock command reached the outbox.");

        Assert.Equal(GateCommandOutcome.Rejected, locked.Outcome);
        Assert.False(string.IsNullOrWhiteSpace(locked.Reason));
        Assert.Contains("Fire!", board.Texts("campus/boards/board-201/emergency")[0], StringComparison.Ordinal);
        Assert.Equal("fire-alarm", Assert.Single(engine.ActiveAlarms).RuleId);
    }

    [Fact]
    public async Task GateHold_ReappliedAfterRestart()
    {
        var campusPort = LoopbackPort.Free();
        var result = SiteConfigurationLoader.LoadFromText(Campus(campusPort, LoopbackPort.Free()), "campus.yaml", _directory, CultureInfo.GetCultureInfo("en"));
        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        var settings = new GatewayHostSettings { ReplaceStaticLogger = false, WriteLogToConsole = false };

        using (var first = GatewayHost.Build(result.Configuration!, settings))
        {
            await first.StartAsync();
            var gate = GateOf(first);
            first.Services.GetRequiredService<DeviceSet>().SimulatedGpio["fire-panel"].SetInputLevel(17, PinValue.Low);
            Assert.True(await Eventually.WaitUntilAsync(() => gate.IsHeld, TimeSpan.FromSeconds(10)), "The fire rule did not hold the gate open.");
            await first.StopAsync();
        }

        // The smoke input is quiet after the restart, but the latched fire alarm still holds the escape gate open.
        using var second = GatewayHost.Build(result.Configuration!, settings);
        await second.StartAsync();
        await using var controller = await MqttRecorder.ConnectAsync("127.0.0.1", campusPort, "campus/gates/gate-east/command", "gate-east", GatePassword, "gate-east-controller");
        var restarted = GateOf(second);

        // The controller reports itself online only now, after the gateway may already have sent the hold command.
        await controller.PublishAsync("campus/gates/gate-east/status", """{"online":true}""");

        Assert.True(await Eventually.WaitUntilAsync(() => restarted.IsHeld, TimeSpan.FromSeconds(10)), "The gate hold was not restored after the restart.");
        Assert.True(await Eventually.WaitUntilAsync(() => controller.Texts("campus/gates/gate-east/command").Any(text => text.Contains("normallyOpen", StringComparison.Ordinal)), TimeSpan.FromSeconds(10)), "The controller got no normallyOpen command after the restart.");
        var locked = await restarted.SendCommandAsync(GateCommand.Locked, "district", CancellationToken.None);
        await second.StopAsync();

        Assert.Equal(GateCommandOutcome.Rejected, locked.Outcome);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task OnSiteReset_ReturnsGateAndSiren()
    {
        var campusPort = LoopbackPort.Free();
        var result = SiteConfigurationLoader.LoadFromText(Campus(campusPort, LoopbackPort.Free()), "campus.yaml", _directory, CultureInfo.GetCultureInfo("en"));
        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        using var host = GatewayHost.Build(result.Configuration!, new GatewayHostSettings { ReplaceStaticLogger = false, WriteLogToConsole = false });
        await host.StartAsync();
        await using var controller = await MqttRecorder.ConnectAsync("127.0.0.1", campusPort, "campus/gates/gate-east/command", "gate-east", GatePassword, "gate-east-controller");
        var panel = host.Services.GetRequiredService<DeviceSet>().SimulatedGpio["fire-panel"];
        var gate = GateOf(host);
        var channel = host.Services.GetRequiredService<FieldChannel>();
        var outbox = host.Services.GetRequiredService<OutboxStore>();

        panel.SetInputLevel(17, PinValue.Low);
        Assert.True(await Eventually.WaitUntilAsync(() => gate.IsHeld && panel.GetLevel(27) == PinValue.High, TimeSpan.FromSeconds(10)), "The fire rule did not hold the gate and sound the siren.");
        Assert.True(await Eventually.WaitUntilAsync(() => AlarmRecords(outbox, RecordJson.AlarmRaisedType).Count > 0, TimeSpan.FromSeconds(10)), "No raise record in the outbox alarm lane.");
        Assert.Contains("critical", Encoding.UTF8.GetString(Assert.Single(AlarmRecords(outbox, RecordJson.AlarmRaisedType)).Payload), StringComparison.Ordinal);

        // The smoke clears, but the latched life-safety alarm keeps everything until someone resets it on site.
        panel.SetInputLevel(17, PinValue.High);
        Assert.True(await Eventually.WaitUntilAsync(() => AlarmRecords(outbox, RecordJson.AlarmChangedType).Count > 0, TimeSpan.FromSeconds(10)), "The latched condition never cleared.");
        var remote = await channel.SendRuleRequestAsync(RuleRequest.Acknowledge("fire-alarm", RequestOrigin.District, "district-operator"), CancellationToken.None);
        Assert.Equal("AcknowledgeLatchedNeedsOnSite", remote.Reason?.Key);
        Assert.True(gate.IsHeld);
        Assert.Equal(PinValue.High, panel.GetLevel(27));

        var onSite = await channel.SendRuleRequestAsync(RuleRequest.Acknowledge("fire-alarm", RequestOrigin.OnSite, "technician"), CancellationToken.None);

        Assert.True(onSite.Accepted);
        Assert.True(await Eventually.WaitUntilAsync(() => !gate.IsHeld && panel.GetLevel(27) == PinValue.Low, TimeSpan.FromSeconds(10)), "The on-site reset did not release the gate and silence the siren.");
        Assert.True(await Eventually.WaitUntilAsync(() => AlarmRecords(outbox, RecordJson.AlarmClearedType).Count > 0, TimeSpan.FromSeconds(10)), "No clear record in the outbox alarm lane.");
        var unlocked = await gate.SendCommandAsync(GateCommand.Locked, "district", CancellationToken.None);
        await host.StopAsync();

        Assert.NotEqual(GateCommandOutcome.Rejected, unlocked.Outcome);
    }

    private static List<Sync.Outbox.OutboxRecord> AlarmRecords(OutboxStore outbox, string type) =>
        outbox.PeekOldest(OutboxLane.Alarms, 50).Where(record => record.Type == type).ToList();

    private static AccessGateDriver GateOf(Microsoft.Extensions.Hosting.IHost host)
    {
        Assert.True(host.Services.GetRequiredService<DeviceRegistry>().TryGet("gate-east", out var driver));
        return Assert.IsType<AccessGateDriver>(driver);
    }

    private static string Campus(int campusPort, int closedPort) => $$"""
        school:
          id: test-school
          name: 测试学校
        gateway:
          id: gw-fire
          language: en
          dataDirectory: ./data
        campusBroker:
          mode: embedded
          host: 127.0.0.1
          port: {{campusPort}}
          username: gateway
          password: gateway-test-secret
        district:
          host: 127.0.0.1
          port: {{closedPort}}
        devices:
          - id: fire-panel
            kind: gpio
            driver: simulated
            points:
              - id: smoke
                direction: input
                pin: 17
                activeLow: true
                debounce: 0ms
              - id: siren
                direction: output
                pin: 27
                safeState: false
          - id: board-201
            kind: class-board
            password: {{BoardPassword}}
          - id: gate-east
            kind: access-gate
            location: 东门
            commandTimeout: 1s
            password: {{GatePassword}}
        rules:
          - id: fire-alarm
            kind: input
            point: fire-panel.smoke
            equals: true
            severity: critical
            lifeSafety: true
            actions:
              - setOutput: fire-panel.siren
                value: true
              - gateMode: all
                mode: holdOpen
              - emergencyNotice: all
                text:
                  zh-CN: 火警！
                  en: Fire!
        """;

    /// <summary>The event-lane record of the district's refused lock command, or null while there is none.</summary>
    private static string? RefusedLockAudit(OutboxStore outbox) =>
        outbox.PeekOldest(OutboxLane.Events, 1000)
            .Select(record => Encoding.UTF8.GetString(record.Payload))
            .FirstOrDefault(text => text.Contains("\"event\":\"gateCommand\"", StringComparison.Ordinal)
                && text.Contains("\"source\":\"district\"", StringComparison.Ordinal)
                && text.Contains("\"command\":\"locked\"", StringComparison.Ordinal)
                && text.Contains("\"outcome\":\"Rejected\"", StringComparison.Ordinal));
}
