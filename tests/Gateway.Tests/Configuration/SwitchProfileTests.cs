using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Gateway.Configuration.Model.Devices;

namespace SmartCampus.Edge.Gateway.Tests.Configuration;

/// <summary>A managed switch described as an mqtt-sensor with points per port, and the rules that watch it.</summary>
public sealed class SwitchProfileTests
{
    private const string Switch = """
          - id: sw-a1
            kind: mqtt-sensor
            password: sw-a1-test-secret
            points:
              - id: port3Link
                jsonPath: ports[2].link
              - id: port3PoeWatts
                jsonPath: ports[2].poeWatts
                unit: W
              - id: uptime
                jsonPath: uptime
                unit: s

        """;

    private const string Rules = """
          - id: camera-east-link
            kind: threshold
            point: sw-a1.port3Link
            below: 0.5
            clearAbove: 0.9
            severity: major
          - id: sw-a1-silent
            kind: stale
            point: sw-a1.uptime
            staleAfter: 2m
            severity: major

        """;

    [Fact]
    public void SwitchProfile_Valid()
    {
        var yaml = SiteYaml.With("rules:\n", Switch + "rules:\n" + Rules);

        var result = SiteYaml.Load(yaml);

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        var device = result.Configuration!.Devices.OfType<MqttSensorConfiguration>().Single();
        Assert.Equal(["port3Link", "port3PoeWatts", "uptime"], device.Points.Select(p => p.Id));
        Assert.Equal("ports[2].link", device.Points[0].JsonPath);
    }
}
