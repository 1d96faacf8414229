namespace SmartCampus.Edge.Gateway.Configuration.Model.Devices;

/// <summary>Type of an MQTT sensor value, as written in the file: number, boolean or text.</summary>
public enum MqttSensorValueKind
{
    Number,
    Boolean,
    Text,
}
