using System.Device.Gpio;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SmartCampus.Edge.Gateway.Composition;
using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Gateway.Hosting;

namespace SmartCampus.Edge.Gateway.Tests.Metrics;

/// <summary>
/// The metrics of a whole gateway host on real activity: pymodbus as the sensor, a real Mosquitto as the district
/// broker, the embedded campus broker and a simulated GPIO panel. Device, rule and gateway ids carry a random
/// suffix, so tests running in parallel never add to the tagged series checked here.
/// </summary>
public sealed class GatewayMetricsTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private readonly string _directory = Directory.CreateTempSubdirectory("smartcampus-metrics-").FullName;
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];

    private string Air => $"air-{_suffix}";

    private string Panel => $"panel-{_suffix}";

    private string Rule => $"smoke-{_suffix}";

    [Fact]
    public async Task Counters_MoveOnRealActivity()
    {
        using var metrics = new MetricsRecorder();
        await using var district = await MosquittoBroker.StartAsync();
        await using var sensor = await PymodbusServer.StartAsync(
            new PymodbusServerOptions { Port = LoopbackPort.Free(), HoldingRegisters = new Dictionary<ushort, ushort> { [0] = 420 } },
            CancellationToken.None);
        var campusPort = LoopbackPort.Free();
        var result = SiteConfigurationLoader.LoadFromText(Campus(district.Port, sensor.Port, campusPort), "campus.yaml", _directory, CultureInfo.GetCultureInfo("en"));
        Assert.True(result.IsValid, ConfigurationReport.Format(result));

        using var host = GatewayHost.Build(result.Configuration!, new GatewayHostSettings { ReplaceStaticLogger = false, WriteLogToConsole = false });
        await host.StartAsync();
        try
        {
            var clientId = DeviceFactory.CampusClientId(result.Configuration!);

            Assert.True(await Eventually.WaitUntilAsync(() => metrics.Sum("smartcampus.pipeline.samples", ("device", Air), ("quality", "good")) > 0, Wait), "No sample of the Modbus device was counted.");
            Assert.True(await Eventually.WaitUntilAsync(() => metrics.Observe("smartcampus.device.online", ("device", Air)).Contains(1), Wait), "The Modbus device is not reported online.");
            Assert.True(await Eventually.WaitUntilAsync(() => metrics.Observe("smartcampus.uplink.connected").Contains(1), Wait), "No uplink reports a connection to the district broker.");
            Assert.True(await Eventually.WaitUntilAsync(() => metrics.Observe("smartcampus.mqtt.connected", ("client_id", clientId)).Contains(1), Wait), "The campus session is not reported connected.");
            Assert.Contains(metrics.Observe("smartcampus.broker.clients"), clients => clients >= 1);
            Assert.True(metrics.Sum("smartcampus.rules.evaluations", ("trigger", "sample")) > 0);

            // The input's state at start counts as a change too; only the difference from here on is checked.
            var changesBefore = metrics.Sum("smartcampus.gpio.input_changes", ("device", Panel), ("point", "smoke"));
            var panel = host.Services.GetRequiredService<DeviceSet>().SimulatedGpio[Panel];
            panel.SetInputLevel(17, PinValue.Low);

            Assert.True(await Eventually.WaitUntilAsync(() => metrics.Sum("smartcampus.rules.alarms_raised", ("rule", Rule), ("severity", "critical")) == 1, Wait), "The smoke alarm was not counted once.");
            Assert.Equal(1, metrics.Sum("smartcampus.gpio.input_changes", ("device", Panel), ("point", "smoke")) - changesBefore);
            Assert.True(await Eventually.WaitUntilAsync(() => metrics.Sum("smartcampus.gpio.output_writes", ("device", Panel), ("point", "siren"), ("outcome", "success")) >= 1, Wait), "The siren write was not counted.");
            Assert.Contains(1, metrics.Observe("smartcampus.rules.active_alarms"));
            // Counted once the alarm record is durable, which may be a moment after the engine raised it.
            Assert.True(await Eventually.WaitUntilAsync(() => metrics.Sum("smartcampus.outbox.appends", ("lane", "alarms")) >= 1, Wait), "No durable alarm record was counted.");
            Assert.True(await Eventually.WaitUntilAsync(() => metrics.Sum("smartcampus.uplink.records", ("lane", "alarms")) >= 1, Wait), "No alarm batch acknowledged by the district was counted.");
            Assert.True(metrics.Sum("smartcampus.outbox.appended_bytes", ("lane", "telemetry")) > 0);
        }
        finally
        {
            await host.StopAsync();
        }

        Assert.Empty(metrics.Observe("smartcampus.device.online", ("device", Air)));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Campus(int districtPort, int sensorPort, int campusPort) => $$"""
        school:
          id: metrics-school
          name: 测试学校
        gateway:
          id: gw-{{_suffix}}
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
          port: {{districtPort}}
          clientId: metrics-{{_suffix}}
        devices:
          - id: {{Air}}
            kind: modbus-tcp
            host: 127.0.0.1
            port: {{sensorPort}}
            unitId: 1
            pollInterval: 1s
            points:
              - id: co2
                function: holding
                address: 0
                type: uint16
                unit: ppm
          - id: {{Panel}}
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
          - id: board-{{_suffix}}
            kind: class-board
            password: board-test-secret-1
        rules:
          - id: {{Rule}}
            kind: input
            point: {{Panel}}.smoke
            equals: true
            severity: critical
            actions:
              - setOutput: {{Panel}}.siren
                value: true
        """;
}
