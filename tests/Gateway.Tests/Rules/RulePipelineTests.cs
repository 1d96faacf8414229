using System.Device.Gpio;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SmartCampus.Edge.Gateway.Composition;
using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Gateway.Hosting;
using SmartCampus.Edge.Gateway.Pipeline;
using SmartCampus.Edge.Gateway.Tests.EndToEnd;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Engine;
using SmartCampus.Edge.Sync.Outbox;
using SmartCampus.Edge.TestPeers;

namespace SmartCampus.Edge.Gateway.Tests.Rules;

/// <summary>
/// Rule actions and requests through the whole host: a simulated GPIO panel, a real pymodbus server for point writes
/// and the real embedded campus broker for publishes. The district link points at a closed port, so alarm records
/// stay in the outbox where the test reads them.
/// </summary>
public sealed class RulePipelineTests : IAsyncLifetime
{
    private const int SmokePin = 17;
    private const int ButtonPin = 22;
    private const int ResetPin = 23;
    private const int SirenPin = 27;
    private const int LampPin = 5;
    private const ushort FanRegister = 3;

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly string directory = Directory.CreateTempSubdirectory("smartcampus-rules-").FullName;
    private PymodbusServer? fan;
    private IHost? host;
    private int campusPort;

    private IHost Host => host!;

    private SmartCampus.Edge.Drivers.Gpio.SimulatedGpioDriver Panel => Host.Services.GetRequiredService<DeviceSet>().SimulatedGpio["panel"];

    private FieldChannel Channel => Host.Services.GetRequiredService<FieldChannel>();

    public async Task InitializeAsync()
    {
        fan = await PymodbusServer.StartAsync(new PymodbusServerOptions { Port = LoopbackPort.Free(), HoldingRegisters = new Dictionary<ushort, ushort> { [FanRegister] = 60 } }, CancellationToken.None);
        campusPort = LoopbackPort.Free();
        var result = SiteConfigurationLoader.LoadFromText(Campus(campusPort, LoopbackPort.Free(), fan.Port), "campus.yaml", directory, CultureInfo.GetCultureInfo("en"));
        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        host = GatewayHost.Build(result.Configuration!, new GatewayHostSettings { ReplaceStaticLogger = false, WriteLogToConsole = false });
        await host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await host.StopAsync(timeout.Token);
            host.Dispose();
        }

        if (fan is not null)
        {
            await fan.DisposeAsync();
        }

        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task Fire_WritesPublishesAndNotifies()
    {
        await using var announcer = await MqttRecorder.ConnectAsync("127.0.0.1", campusPort, "campus/pa/announce", "gateway", "gateway-test-secret", "test-announcer");

        Panel.SetInputLevel(SmokePin, PinValue.High);

        Assert.True(await Eventually.WaitUntilAsync(() => Panel.GetLevel(SirenPin) == PinValue.High, Wait), "The siren is not on.");
        Assert.True(await Eventually.WaitUntilAsync(() => FanSpeed() == 0, Wait), $"The fan register is {FanSpeed()}, not 0.");
        Assert.True(await Eventually.WaitUntilAsync(() => announcer.Texts("campus/pa/announce").Contains("evacuate"), Wait), "Nothing was published to campus/pa/announce.");
        Assert.True(await Eventually.WaitUntilAsync(() => AlarmRecordTypes().Contains(RecordJson.AlarmNotifyType), Wait), $"No alarm-notify record; alarm lane: {string.Join(", ", AlarmRecordTypes())}");
        var notify = Host.Services.GetRequiredService<OutboxStore>().PeekOldest(OutboxLane.Alarms, 20).First(record => record.Type == RecordJson.AlarmNotifyType);
        Assert.Contains("\"rule\":\"fire\"", Encoding.UTF8.GetString(notify.Payload), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Acknowledge_RemoteKeepsLatchOnSiteResets()
    {
        Panel.SetInputLevel(SmokePin, PinValue.High);
        Assert.True(await Eventually.WaitUntilAsync(() => Panel.GetLevel(SirenPin) == PinValue.High, Wait), "The siren is not on.");
        Panel.SetInputLevel(SmokePin, PinValue.Low);
        Assert.True(await Eventually.WaitUntilAsync(() => AlarmRecordTypes().Contains("alarm-changed"), Wait), "The latched condition never cleared.");

        var remote = await Channel.SendRuleRequestAsync(RuleRequest.Acknowledge("fire", RequestOrigin.District, "district-operator"), CancellationToken.None);

        Assert.True(remote.Accepted);
        Assert.Equal("AcknowledgeLatchedNeedsOnSite", remote.Reason?.Key);
        Assert.Equal(PinValue.High, Panel.GetLevel(SirenPin));

        var onSite = await Channel.SendRuleRequestAsync(RuleRequest.Acknowledge("fire", RequestOrigin.OnSite, "technician"), CancellationToken.None);

        Assert.True(onSite.Accepted);
        Assert.Null(onSite.Reason);
        Assert.True(await Eventually.WaitUntilAsync(() => Panel.GetLevel(SirenPin) == PinValue.Low, Wait), "The siren is still on after the on-site reset.");
        Assert.Contains("alarm-cleared", AlarmRecordTypes());
    }

    [Fact]
    public async Task ResetButton_ClearsLatchedFire()
    {
        Panel.SetInputLevel(SmokePin, PinValue.High);
        Assert.True(await Eventually.WaitUntilAsync(() => Panel.GetLevel(SirenPin) == PinValue.High, Wait), "The siren is not on.");
        Panel.SetInputLevel(SmokePin, PinValue.Low);
        Assert.True(await Eventually.WaitUntilAsync(() => AlarmRecordTypes().Contains("alarm-changed"), Wait), "The latched condition never cleared.");

        Panel.SetInputLevel(ResetPin, PinValue.High);

        Assert.True(await Eventually.WaitUntilAsync(() => Panel.GetLevel(SirenPin) == PinValue.Low, Wait), "The reset button did not clear the fire alarm.");
        Assert.DoesNotContain(Host.Services.GetRequiredService<RuleEngine>().ActiveAlarms, alarm => alarm.RuleId == "fire");
    }

    [Fact]
    public async Task Requests_RejectedWithReason()
    {
        var unknown = await Channel.SendRuleRequestAsync(RuleRequest.Acknowledge("no-such-rule", RequestOrigin.Console, "operator"), CancellationToken.None);
        var shelveFire = await Channel.SendRuleRequestAsync(RuleRequest.Shelve("fire", TimeSpan.FromMinutes(5), RequestOrigin.Console, "operator"), CancellationToken.None);
        var shelveLamp = await Channel.SendRuleRequestAsync(RuleRequest.Shelve("lamp", TimeSpan.FromMinutes(5), RequestOrigin.Console, "operator"), CancellationToken.None);
        var unshelveLamp = await Channel.SendRuleRequestAsync(RuleRequest.Unshelve("lamp", RequestOrigin.Console, "operator"), CancellationToken.None);

        Assert.False(unknown.Accepted);
        Assert.Equal("RuleUnknown", unknown.Reason?.Key);
        Assert.False(shelveFire.Accepted);
        Assert.Equal("ShelveLifeSafety", shelveFire.Reason?.Key);
        Assert.True(shelveLamp.Accepted);
        Assert.True(unshelveLamp.Accepted);
        Assert.True(await Eventually.WaitUntilAsync(() => AlarmRecordTypes().Count(type => type == "rule-shelved") == 2, Wait), "The shelving and its end are not both in the alarm lane.");
    }

    [Fact]
    public async Task PipelineStop_DrivesHeldOutputsToSafeValues()
    {
        Panel.SetInputLevel(ButtonPin, PinValue.High);
        Panel.SetInputLevel(SmokePin, PinValue.High);
        Assert.True(await Eventually.WaitUntilAsync(() => Panel.GetLevel(LampPin) == PinValue.High && Panel.GetLevel(SirenPin) == PinValue.High, Wait), "The lamp and the siren are not both on.");
        var pipeline = Host.Services.GetRequiredService<PipelineService>();

        await pipeline.StoppingAsync(CancellationToken.None);

        // The drivers still run here: only the pipeline stopped.
        Assert.True(Panel.IsLineOpen(LampPin));
        Assert.Equal(PinValue.Low, Panel.GetLevel(LampPin));
        Assert.Equal(PinValue.High, Panel.GetLevel(SirenPin));
        var request = Channel.SendRuleRequestAsync(RuleRequest.Acknowledge("fire", RequestOrigin.OnSite, "technician"), CancellationToken.None);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request.WaitAsync(TimeSpan.FromMilliseconds(200)));
    }

    private ushort FanSpeed() => fan!.GetHoldingRegistersAsync(FanRegister, 1, CancellationToken.None).GetAwaiter().GetResult()[0];

    private List<string> AlarmRecordTypes() =>
        Host.Services.GetRequiredService<OutboxStore>().PeekOldest(OutboxLane.Alarms, 100).Select(record => record.Type).ToList();

    private static string Campus(int campusPort, int closedPort, int fanPort) => $$"""
        school:
          id: test-school
          name: 测试学校
        gateway:
          id: gw-rules
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
          - id: panel
            kind: gpio
            driver: simulated
            points:
              - id: smoke
                direction: input
                pin: {{SmokePin}}
                debounce: 0ms
              - id: button
                direction: input
                pin: {{ButtonPin}}
                debounce: 0ms
              - id: reset
                direction: input
                pin: {{ResetPin}}
                debounce: 0ms
              - id: siren
                direction: output
                pin: {{SirenPin}}
                safeState: false
              - id: lamp
                direction: output
                pin: {{LampPin}}
                safeState: false
          - id: ahu
            kind: modbus-tcp
            host: 127.0.0.1
            port: {{fanPort}}
            pollInterval: 1s
            points:
              - id: fan
                function: holding
                address: {{FanRegister}}
                type: uint16
        rules:
          - id: fire
            kind: input
            point: panel.smoke
            equals: true
            severity: critical
            lifeSafety: true
            actions:
              - setOutput: panel.siren
                value: true
              - writePoint: ahu.fan
                value: 0
                clearValue: 60
              - publish: campus/pa/announce
                payload: evacuate
              - notifyDistrict: true
          - id: lamp
            kind: input
            point: panel.button
            equals: true
            severity: warning
            actions:
              - setOutput: panel.lamp
                value: true
          - id: reset-button
            kind: input
            point: panel.reset
            equals: true
            severity: warning
            actions:
              - clearAlarm: fire
        """;
}
