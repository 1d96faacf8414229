namespace SmartCampus.Edge.Drivers.Mqtt.Sensors;

/// <summary>One value taken from a sensor's JSON payload.</summary>
public sealed class MqttSensorPointOptions
{
    /// <summary>Point name, the second half of <c>{deviceId}.{name}</c>, for example <c>pm25</c>.</summary>
    public required string Name { get; init; }

    /// <summary>
    /// Where the value is: property names separated by dots, each optionally followed by an array index, with an
    /// optional leading <c>$.</c>. Examples: <c>pm25</c>, <c>$.data.co2</c>, <c>readings[0].value</c>.
    /// </summary>
    public required string JsonPath { get; init; }

    public MqttSensorValueType Type { get; init; } = MqttSensorValueType.Number;

    /// <summary>value = raw × Scale + Offset, for numbers only.</summary>
    public double Scale { get; init; } = 1;

    public double Offset { get; init; }

    /// <summary>Engineering unit after scaling, for example "µg/m³" or "ppm"; informational.</summary>
    public string? Unit { get; init; }
}
