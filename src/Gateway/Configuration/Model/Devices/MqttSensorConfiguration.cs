namespace SmartCampus.Edge.Gateway.Configuration.Model.Devices;

/// <summary>
/// A sensor that publishes JSON on the campus broker under <c>campus/sensors/{id}/</c>; each point is read from the
/// payload by a JSON path (<c>kind: mqtt-sensor</c>).
/// </summary>
public sealed record MqttSensorConfiguration : DeviceConfiguration
{
    /// <summary>The sensor's password on the campus broker: plain text or a <c>pbkdf2-sha256$…</c> hash.</summary>
    public required string Password { get; init; }

    public required IReadOnlyList<MqttSensorPointConfiguration> Points { get; init; }
}
