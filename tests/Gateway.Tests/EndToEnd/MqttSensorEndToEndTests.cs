using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Gateway.Hosting;
using SmartCampus.Edge.Gateway.Pipeline;

namespace SmartCampus.Edge.Gateway.Tests.EndToEnd;

/// <summary>An MQTT air sensor from campus.yaml publishes on the embedded broker with its own account; its points reach the point table.</summary>
public sealed class MqttSensorEndToEndTests : IDisposable
{
    private const string SensorPassword = "aq-201-test-secret";

    private readonly string _directory = Directory.CreateTempSubdirectory("smartcampus-sensor-").FullName;

    [Fact]
    public async Task SensorPayload_BecomesScaledPoints()
    {
        var campusPort = LoopbackPort.Free();
        var result = SiteConfigurationLoader.LoadFromText(Campus(campusPort, LoopbackPort.Free()), "campus.yaml", _directory, CultureInfo.GetCultureInfo("en"));
        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        using var host = GatewayHost.Build(result.Configuration!, new GatewayHostSettings { ReplaceStaticLogger = false, WriteLogToConsole = false });
        await host.StartAsync();
        var points = host.Services.GetRequiredService<PointTable>();
        var co2 = new PointId("aq-201", "co2");
        var pm25 = new PointId("aq-201", "pm25");

        using var sensor = new MqttClientFactory().CreateMqttClient();
        await sensor.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", campusPort).WithClientId("aq-201").WithCredentials("aq-201", SensorPassword).Build());
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!(points.TryGet(co2, out _) && points.TryGet(pm25, out _)) && DateTime.UtcNow < deadline)
        {
            // Published again until seen, because the gateway's subscription may still be on its way.
            await sensor.PublishAsync(new MqttApplicationMessageBuilder()
                .WithTopic("campus/sensors/aq-201/state")
                .WithPayload("""{"co2": 812, "air": {"pm25": 355}}""")
                .WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce)
                .Build());
            await Task.Delay(200);
        }

        Assert.True(points.TryGet(co2, out var co2Sample), "No co2 sample from the MQTT sensor.");
        Assert.True(points.TryGet(pm25, out var pm25Sample), "No pm25 sample from the MQTT sensor.");
        await host.StopAsync();

        Assert.Equal(812, co2Sample!.Value.Number);
        Assert.Equal(35.5, pm25Sample!.Value.Number, 6);
        Assert.Equal(Quality.Good, pm25Sample.Quality);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string Campus(int campusPort, int closedPort) => $$"""
        school:
          id: test-school
          name: 测试学校
        gateway:
          id: gw-sensor
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
          - id: aq-201
            kind: mqtt-sensor
            password: {{SensorPassword}}
            points:
              - id: co2
                jsonPath: co2
                unit: ppm
              - id: pm25
                jsonPath: air.pm25
                scale: 0.1
                unit: "µg/m³"
        """;
}
