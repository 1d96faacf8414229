using System.Device.Gpio;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SmartCampus.Edge.Gateway.Composition;
using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Gateway.Configuration.Model;
using SmartCampus.Edge.Gateway.Hosting;
using SmartCampus.Edge.Rules.Engine;
using SmartCampus.Edge.Sync.Outbox;

namespace SmartCampus.Edge.Gateway.Tests.Hosting;

/// <summary>A latched fire alarm survives a gateway restart: it is still active afterwards and is not raised twice.</summary>
public sealed class RuleStateRestartTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("smartcampus-restart-").FullName;

    [Fact]
    public async Task LatchedAlarm_SurvivesRestartWithoutSecondRaise()
    {
        var site = Load();

        using (var first = GatewayHost.Build(site, Settings()))
        {
            await first.StartAsync();
            var smoke = first.Services.GetRequiredService<DeviceSet>().SimulatedGpio["fire-panel"];

            // Active-low contact: low means smoke.
            smoke.SetInputLevel(17, PinValue.Low);
            var engine = first.Services.GetRequiredService<RuleEngine>();
            Assert.True(await Eventually.WaitUntilAsync(() => engine.ActiveAlarms.Count == 1, TimeSpan.FromSeconds(10)), "The fire alarm was not raised.");
            smoke.SetInputLevel(17, PinValue.High);
            await first.StopAsync();
        }

        using var second = GatewayHost.Build(site, Settings());
        await second.StartAsync();
        var restored = second.Services.GetRequiredService<RuleEngine>();
        var outbox = second.Services.GetRequiredService<OutboxStore>();
        Assert.True(await Eventually.WaitUntilAsync(() => restored.ActiveAlarms.Count == 1, TimeSpan.FromSeconds(10)), "The latched alarm was lost across the restart.");
        await Task.Delay(500);
        var raised = outbox.PeekOldest(OutboxLane.Alarms, 100).Count(record => record.Type == "alarm-raised");
        await second.StopAsync();

        Assert.Equal(1, raised);
        Assert.Equal("fire-alarm", restored.ActiveAlarms.Single().RuleId);
        Assert.True(restored.ActiveAlarms.Single().Latched);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static GatewayHostSettings Settings() => new() { ReplaceStaticLogger = false, WriteLogToConsole = false };

    private SiteConfiguration Load()
    {
        var closedPort = LoopbackPort.Free();

        var yaml = $$"""
            school:
              id: test-school
              name: 测试学校
            gateway:
              id: gw-restart
              language: en
              dataDirectory: ./data
            campusBroker:
              mode: external
              host: 127.0.0.1
              port: {{closedPort}}
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
            rules:
              - id: fire-alarm
                kind: input
                point: fire-panel.smoke
                equals: true
                severity: critical
                lifeSafety: true
            """;
        var result = SiteConfigurationLoader.LoadFromText(yaml, "campus.yaml", _directory, CultureInfo.GetCultureInfo("en"));
        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        return result.Configuration!;
    }
}
