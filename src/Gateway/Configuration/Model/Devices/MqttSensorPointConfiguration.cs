namespace SmartCampus.Edge.Gateway.Configuration.Model.Devices;

/// <summary>One value of an MQTT sensor's payload.</summary>
public sealed record MqttSensorPointConfiguration
{
    public required string Id { get; init; }

    /// <summary>Dotted path into the JSON payload, for example <c>co2</c> or <c>air.pm25</c>.</summary>
    public required string JsonPath { get; init; }

    public required MqttSensorValueKind Kind { get; init; }

    public required double Scale { get; init; }

    public required double Offset { get; init; }

    public string? Unit { get; init; }
}
