using System.Net;
using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Mqtt;
using SmartCampus.Edge.Drivers.Mqtt.Sensors;
using SmartCampus.Edge.Gateway.CampusBroker;

namespace SmartCampus.Edge.Gateway.Tests.CampusBroker;

/// <summary>Generic JSON sensors published by a real MQTTnet client through the embedded broker.</summary>
public sealed class MqttSensorTests
{
    [Fact]
    public async Task Payloads_MapToScaledPoints()
    {
        await using var host = new CampusBrokerHost(
            new CampusBrokerOptions
            {
                ListenAddress = IPAddress.Loopback,
                Port = 0,
                Accounts = [CampusBrokerAccount.ForGateway("gateway", "gw"), new CampusBrokerAccount("aq-201", "s", "campus/sensors/aq-201/")],
            },
            new TestLogger<CampusBrokerHost>());
        await host.StartAsync(CancellationToken.None);
        var mapping = new MqttSensorMapping
        {
            TopicFilter = "campus/sensors/+/air",
            DeviceIdTopicLevel = 2,
            Points =
            [
                new MqttSensorPointOptions { Name = "pm25", JsonPath = "$.data.pm25" },
                new MqttSensorPointOptions { Name = "temperature", JsonPath = "readings[1].value", Scale = 0.1, Offset = -40 },
                new MqttSensorPointOptions { Name = "fan", JsonPath = "fan", Type = MqttSensorValueType.Boolean },
            ],
        };
        var mqtt = new CampusMqttOptions { Host = "127.0.0.1", Port = host.BoundPort, Username = "gateway", Password = "gw", ClientId = "gw-sensors" };
        var sink = new RecordingSink();
        var driver = new MqttSensorDriver(mqtt, [mapping], new GatewayClock(new FakeTimeProvider(), "boot"), new TestLogger<MqttSensorDriver>());
        using var stop = new CancellationTokenSource();
        var run = driver.RunAsync(sink, stop.Token);
        await sink.WaitUntilAsync(() => driver.SubscriptionsActive, "the sensor subscription");
        await using var sensor = await MqttTestClient.ConnectAsync("127.0.0.1", host.BoundPort, "aq-201", "s");

        await sensor.PublishAsync("campus/sensors/aq-201/air", """{"data":{"pm25":35},"readings":[{"value":1},{"value":"655"}],"fan":1}""");
        await sensor.PublishAsync("campus/sensors/aq-201/air", """{"data":{"pm25":""");
        await sensor.PublishAsync("campus/sensors/aq-201/air", """{"data":{"pm25":"n/a"},"readings":[],"fan":true}""");
        await sensor.PublishAsync("campus/sensors/aq-201/air", """{"data":{"pm25":41.5}}""");

        await sink.WaitForSamplesAsync("aq-201.pm25", 2);
        await sink.WaitForSamplesAsync("aq-201.fan", 2);
        Assert.Equal([35, 41.5], sink.SamplesOf("aq-201.pm25").Select(s => s.Value.Number));
        var temperature = Assert.Single(sink.SamplesOf("aq-201.temperature"));
        Assert.Equal(25.5, temperature.Value.Number, precision: 9);
        Assert.All(sink.SamplesOf("aq-201.fan"), s => Assert.True(s.Value.Boolean));
        Assert.Equal(1, driver.RejectedPayloadCount);

        // Second message: pm25 and temperature; fourth: temperature and fan.
        Assert.Equal(4, driver.RejectedPointCount);
        Assert.All(sink.Samples, s => Assert.Equal(Quality.Good, s.Quality));

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
        await driver.DisposeAsync();
    }

    [Fact]
    public void Mapping_WithoutDeviceId_IsRejected()
    {
        var mqtt = new CampusMqttOptions { Host = "127.0.0.1", ClientId = "x" };
        var mapping = new MqttSensorMapping { TopicFilter = "campus/sensors/#", Points = [new MqttSensorPointOptions { Name = "a", JsonPath = "a" }] };
        var badPath = new MqttSensorMapping { TopicFilter = "s/+", DeviceIdTopicLevel = 1, Points = [new MqttSensorPointOptions { Name = "a", JsonPath = "a[x]" }] };

        Assert.Throws<ArgumentException>(() => new MqttSensorDriver(mqtt, [mapping], new GatewayClock(TimeProvider.System, "boot"), new TestLogger<MqttSensorDriver>()));
        Assert.Throws<FormatException>(() => new MqttSensorDriver(mqtt, [badPath], new GatewayClock(TimeProvider.System, "boot"), new TestLogger<MqttSensorDriver>()));
    }
}
