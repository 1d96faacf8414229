namespace SmartCampus.Edge.Drivers.Mqtt.Sensors;

public enum MqttSensorValueType
{
    /// <summary>A JSON number, or a string holding one; scaled.</summary>
    Number,

    /// <summary>A JSON true/false, or a number where 0 is false.</summary>
    Boolean,

    Text,
}
