using System.Reflection;
using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Packets;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Mqtt;
using SmartCampus.Edge.Drivers.Mqtt.Sensors;

namespace SmartCampus.Edge.Fuzz.Targets;

/// <summary>
/// A third-party sensor's MQTT message through the real <see cref="MqttSensorDriver"/> message handler: topic
/// matching, device id from a topic level, payload checks, JSON paths and value conversion for number, boolean and
/// text points. The handler rejects bad messages with a counter and a log line and must never throw.
/// </summary>
/// <remarks>
/// The handler is private to the driver and is reached by reflection, so the target runs exactly the code a
/// broker message runs, without a broker. The driver is never started, so it opens no connection.
/// </remarks>
public sealed class MqttSensorTarget : IFuzzTarget, IDisposable
{
    private readonly MqttSensorDriver _driver;
    private readonly Func<MqttApplicationMessageReceivedEventArgs, Task> _onMessage;
    private readonly ChannelReader<Sample> _samples;

    public MqttSensorTarget()
    {
        var mqtt = new CampusMqttOptions { Host = "127.0.0.1", ClientId = "fuzz" };
        MqttSensorMapping[] mappings =
        [
            new()
            {
                TopicFilter = "sensors/+/air",
                DeviceIdTopicLevel = 1,
                Points =
                [
                    new() { Name = "co2", JsonPath = "$.co2" },
                    new() { Name = "temperature", JsonPath = "$.env.t", Scale = 0.1, Offset = -40 },
                    new() { Name = "door", JsonPath = "$.door", Type = MqttSensorValueType.Boolean },
                    new() { Name = "label", JsonPath = "$.tags[1]", Type = MqttSensorValueType.Text },
                ],
            },
            new()
            {
                TopicFilter = "meters/#",
                DeviceId = "meter-main",
                Points = [new() { Name = "kwh", JsonPath = "$.readings[0].value" }],
            },
        ];

        _driver = new MqttSensorDriver(mqtt, mappings, new GatewayClock(TimeProvider.System, "fuzz"), NullLogger<MqttSensorDriver>.Instance);
        var handler = typeof(MqttSensorDriver).GetMethod("OnMessageAsync", BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("MqttSensorDriver.OnMessageAsync not found; update the fuzz target.");
        _onMessage = handler.CreateDelegate<Func<MqttApplicationMessageReceivedEventArgs, Task>>(_driver);
        var samples = typeof(MqttSensorDriver).GetField("_samples", BindingFlags.Instance | BindingFlags.NonPublic)?.GetValue(_driver) as Channel<Sample>
            ?? throw new InvalidOperationException("MqttSensorDriver._samples not found; update the fuzz target.");
        _samples = samples.Reader;
    }

    public string Name => "mqtt-sensor";

    public void Run(ReadOnlySpan<byte> data)
    {
        var message = TopicMessage.Split(data, "sensors/room-201/air");
        var application = new MqttApplicationMessage { Topic = message.Topic, Payload = message.Payload };
        var args = new MqttApplicationMessageReceivedEventArgs("fuzz", application, new MqttPublishPacket(), null);
        _onMessage(args).GetAwaiter().GetResult();

        // The driver queues samples for its run loop, which is not running here; drop them so memory stays flat.
        while (_samples.TryRead(out _))
        {
        }
    }

    public void Dispose() => _driver.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
