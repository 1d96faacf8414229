namespace SmartCampus.Edge.Gateway.Composition;

/// <summary>Topic scheme of MQTT sensors on the campus broker: each sensor publishes under <c>campus/sensors/{id}/</c>.</summary>
internal static class MqttSensorTopics
{
    public static string Prefix(string sensorId) => $"campus/sensors/{sensorId}/";
}
