using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Gateway.Hosting;
using SmartCampus.Edge.Gateway.Pipeline;
using SmartCampus.Edge.TestPeers;

namespace SmartCampus.Edge.Gateway.Tests.EndToEnd;

/// <summary>Two modbus-rtu devices from the site configuration share one serial line, served by pymodbus over a socat pair.</summary>
public sealed class RtuBusEndToEndTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("smartcampus-rtu-e2e-").FullName;

    [Fact]
    public async Task TwoUnitsOnOneLine_BothDecoded()
    {
        await using var pair = await SocatPair.StartAsync(CancellationToken.None);
        await using var server = await PymodbusRtuServer.StartAsync(
            new PymodbusRtuServerOptions
            {
                SerialPath = pair.PathB,
                UnitIds = [1, 2],
                InputRegisters = new Dictionary<ushort, ushort> { [0] = 235 },
                Coils = new Dictionary<ushort, bool> { [0] = true },
            },
            CancellationToken.None);
        await server.SetHoldingRegistersAsync(2, 0, [0xFF9C], CancellationToken.None);
        await server.SetHoldingRegistersAsync(1, 1, [0b100], CancellationToken.None);

        var result = SiteConfigurationLoader.LoadFromText(Campus(pair.PathA, LoopbackPort.Free()), "campus.yaml", _directory, CultureInfo.GetCultureInfo("en"));
        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        using var host = GatewayHost.Build(result.Configuration!, new GatewayHostSettings { ReplaceStaticLogger = false, WriteLogToConsole = false });
        await host.StartAsync();
        var points = host.Services.GetRequiredService<PointTable>();
        var temperature = new PointId("room-201-temp", "temperature");
        var meter = new PointId("meter-1", "power");
        var fan = new PointId("room-201-temp", "fan");
        var filter = new PointId("room-201-temp", "filter-alarm");

        await Eventually.WaitUntilAsync(
            () => IsGood(points, temperature) && IsGood(points, meter) && IsGood(points, fan) && IsGood(points, filter),
            TimeSpan.FromSeconds(20));

        Assert.True(points.TryGet(temperature, out var temperatureSample), "No sample from unit 1. pymodbus: " + server.StandardError);
        Assert.True(points.TryGet(meter, out var meterSample), "No sample from unit 2. pymodbus: " + server.StandardError);
        Assert.True(points.TryGet(fan, out var fanSample), "No coil sample. pymodbus: " + server.StandardError);
        Assert.True(points.TryGet(filter, out var filterSample), "No register-bit sample. pymodbus: " + server.StandardError);
        await host.StopAsync();

        Assert.Equal(Quality.Good, temperatureSample!.Quality);
        Assert.Equal(23.5, temperatureSample.Value.Number, 6);
        Assert.Equal(Quality.Good, meterSample!.Quality);
        Assert.Equal(-100, meterSample.Value.Number);
        Assert.Equal(Quality.Good, fanSample!.Quality);
        Assert.True(fanSample.Value.Boolean);
        Assert.Equal(Quality.Good, filterSample!.Quality);
        Assert.True(filterSample.Value.Boolean);
    }

    [Fact]
    public async Task RtuOverTcp_ThroughConverterDecoded()
    {
        await using var server = await PymodbusRtuServer.StartAsync(
            new PymodbusRtuServerOptions { InputRegisters = new Dictionary<ushort, ushort> { [0] = 218 } },
            CancellationToken.None);
        var yaml = $$"""
            school:
              id: test-school
              name: 测试学校
            gateway:
              id: gw-tunnel
              language: en
              dataDirectory: ./data
            campusBroker:
              mode: external
              host: 127.0.0.1
              port: {{LoopbackPort.Free()}}
              username: gateway
              password: gateway-test-secret
            district:
              host: 127.0.0.1
              port: {{LoopbackPort.Free()}}
            devices:
              - id: hall-temp
                kind: modbus-rtu
                tunnelHost: 127.0.0.1
                tunnelPort: {{server.TunnelPort}}
                unitId: 1
                pollInterval: 200ms
                points:
                  - id: temperature
                    function: input
                    address: 0
                    type: int16
                    scale: 0.1
            """;
        var result = SiteConfigurationLoader.LoadFromText(yaml, "campus.yaml", _directory, CultureInfo.GetCultureInfo("en"));
        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        using var host = GatewayHost.Build(result.Configuration!, new GatewayHostSettings { ReplaceStaticLogger = false, WriteLogToConsole = false });
        await host.StartAsync();
        var points = host.Services.GetRequiredService<PointTable>();
        var temperature = new PointId("hall-temp", "temperature");

        await Eventually.WaitUntilAsync(() => IsGood(points, temperature), TimeSpan.FromSeconds(20));

        Assert.True(points.TryGet(temperature, out var sample), "No sample through the RTU-over-TCP converter. pymodbus: " + server.StandardError);
        await host.StopAsync();

        Assert.Equal(Quality.Good, sample!.Quality);
        Assert.Equal(21.8, sample.Value.Number, 6);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static bool IsGood(PointTable points, PointId point) =>
        points.TryGet(point, out var sample) && sample!.Quality == Quality.Good;

    private static string Campus(string serialPort, int closedPort) => $$"""
        school:
          id: test-school
          name: 测试学校
        gateway:
          id: gw-rtu
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
          - id: room-201-temp
            kind: modbus-rtu
            serialPort: {{serialPort}}
            unitId: 1
            pollInterval: 200ms
            priority: comfort
            points:
              - id: temperature
                function: input
                address: 0
                type: int16
                scale: 0.1
              - id: fan
                function: coil
                address: 0
              - id: filter-alarm
                function: holding
                address: 1
                bit: 2
          - id: meter-1
            kind: modbus-rtu
            serialPort: {{serialPort}}
            unitId: 2
            pollInterval: 200ms
            points:
              - id: power
                function: holding
                address: 0
                type: int16
        """;
}
