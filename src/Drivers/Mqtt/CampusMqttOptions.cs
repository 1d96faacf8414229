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

    /// <summary>
    /// Keep-alive period. The gateway sends a PINGREQ every quarter of it. It reconnects when no PINGRESP and no
    /// message arrived for 1.5 periods and four pings in a row timed out. A late PINGRESP during a burst is no failure.
    /// </summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>First wait after a failed or lost connection; it doubles up to <see cref="MaxReconnectDelay"/>, with ±20 % jitter.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Keep the session on the broker across reconnects (clean start off, session expiry <see cref="SessionExpiry"/>),
    /// so that QoS 1 swipes and gate events sent while the gateway was away are delivered when it returns. A broker
    /// that restarted without persistence answers session-present = 0; the gateway then counts and logs the lost
    /// session and subscribes again, as it does after every connect.
    /// </summary>
    public bool PersistentSession { get; init; }

    /// <summary>How long the broker keeps the session of a disconnected gateway (MQTT 5 session expiry interval).</summary>
    public TimeSpan SessionExpiry { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// A connection that ends within this time of connecting counts as short: the reconnect delay grows with every
    /// short connection in a row, and short connections that each end after the same message form a session loop.
    /// </summary>
    public TimeSpan ShortSession { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Short connections in a row that end after the same message before the gateway declares a session loop. It
    /// then reconnects with a clean session (dropping what the broker queued) and without retained messages.
    /// </summary>
    public int SessionLoopThreshold { get; init; } = 3;

    /// <summary>Largest board payload accepted, in bytes; a heartbeat is about 100 bytes.</summary>
    public int MaxPayloadBytes { get; init; } = 16 * 1024;

    /// <summary>
    /// MQTT over TLS to an external campus broker. The broker's certificate must name <see cref="Host"/> and chain to
    /// <see cref="TlsCaFile"/>, or to the system trust store when no CA file is given.
    /// </summary>
    public bool UseTls { get; init; }

    /// <summary>PEM file with the CA certificate(s) that signed the campus broker's certificate; null: the system trust store.</summary>
    public string? TlsCaFile { get; init; }

    /// <summary>PEM client certificate, for a broker that authenticates the gateway by certificate; needs <see cref="TlsClientKeyFile"/>.</summary>
    public string? TlsClientCertificateFile { get; init; }

    /// <summary>PEM private key of <see cref="TlsClientCertificateFile"/>.</summary>
    public string? TlsClientKeyFile { get; init; }
}
