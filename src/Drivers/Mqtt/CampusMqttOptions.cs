namespace SmartCampus.Edge.Drivers.Mqtt;

/// <summary>Connection of the gateway to the campus broker, embedded or external.</summary>
public sealed class CampusMqttOptions
{
    public required string Host { get; init; }

    public int Port { get; init; } = 1883;

    public string? Username { get; init; }

    /// <summary>Never logged. NOTE: stored in plain text in the site configuration for now.</summary>
    public string? Password { get; init; }

    /// <summary>MQTT client id; unique on the broker, or the broker drops the older connection.</summary>
    public required string ClientId { get; init; }

    /// <summary>Limit for one QoS 1 publish to be acknowledged; MQTTnet 5.2 applies no timeout of its own to publishes.</summary>
    public TimeSpan PublishTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>First wait after a failed or lost connection; it doubles up to <see cref="MaxReconnectDelay"/>, with ±20 % jitter.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest board payload accepted, in bytes; a heartbeat is about 100 bytes.</summary>
    public int MaxPayloadBytes { get; init; } = 16 * 1024;
}
