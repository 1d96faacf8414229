namespace SmartCampus.Edge.Drivers.Mqtt.Sensors;

/// <summary>A family of sensors that share a topic pattern and a payload layout.</summary>
public sealed class MqttSensorMapping
{
    /// <summary>MQTT topic filter with <c>+</c> and <c>#</c> wildcards, for example <c>campus/sensors/+/air</c>.</summary>
    public required string TopicFilter { get; init; }

    /// <summary>
    /// Zero-based topic level that carries the device id (2 in <c>campus/sensors/{id}/air</c>); null uses
    /// <see cref="DeviceId"/> for every message.
    /// </summary>
    public int? DeviceIdTopicLevel { get; init; }

    /// <summary>Device id when <see cref="DeviceIdTopicLevel"/> is null.</summary>
    public string? DeviceId { get; init; }

    public required IReadOnlyList<MqttSensorPointOptions> Points { get; init; }
}
