namespace SmartCampus.Edge.Gateway.Configuration.Model;

/// <summary>The campus MQTT broker that class boards and gates talk to.</summary>
public sealed record CampusBrokerConfiguration
{
    public required CampusBrokerMode Mode { get; init; }

    /// <summary>Embedded: the address to listen on. External: the broker to connect to.</summary>
    public required string Host { get; init; }

    /// <summary>TCP port, 1 to 65535.</summary>
    public required int Port { get; init; }

    /// <summary>The gateway's own account on the campus broker.</summary>
    public required string Username { get; init; }

    public required string Password { get; init; }

    /// <summary>External mode: keep the gateway's session on the broker across reconnects, so that QoS 1 messages sent while it was away are delivered.</summary>
    public bool PersistentSession { get; init; }

    /// <summary>External mode: how long the broker keeps the session of a disconnected gateway.</summary>
    public TimeSpan SessionExpiry { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Embedded mode: absolute path of the server certificate (PEM with <see cref="TlsKeyFile"/>, or PKCS#12) of a
    /// TLS listener next to plain MQTT; null: no TLS listener. NOTE: plain MQTT on <see cref="Port"/> stays on,
    /// because the gateway's own drivers connect to it without TLS.
    /// </summary>
    public string? TlsCertificateFile { get; init; }

    /// <summary>Embedded mode: absolute path of the PEM private key of <see cref="TlsCertificateFile"/>.</summary>
    public string? TlsKeyFile { get; init; }

    /// <summary>Embedded mode: TCP port of the TLS listener, on the same address as plain MQTT.</summary>
    public int TlsPort { get; init; } = 8883;

    /// <summary>Embedded mode: absolute path of the retained-message store; null keeps the default file in the data folder.</summary>
    public string? RetainedStoreFile { get; init; }

    /// <summary>Embedded mode: messages queued per client before the oldest is dropped (counted and logged).</summary>
    public int MaxQueuedMessages { get; init; } = DefaultMaxQueuedMessages;

    public const int DefaultMaxQueuedMessages = 10_000;

    /// <summary>
    /// Embedded mode: every IP address the broker listens on, for example a LAN address and 127.0.0.1, or 127.0.0.1
    /// and ::1; <see cref="Host"/> is one of them. Empty: only <see cref="Host"/>.
    /// </summary>
    public IReadOnlyList<string> ListenAddresses { get; init; } = [];

    /// <summary>External mode: MQTT over TLS, with the broker's certificate and host name checked.</summary>
    public bool UseTls { get; init; }

    /// <summary>External mode: PEM file of the CA that signed the broker's certificate; null: the system trust store.</summary>
    public string? TlsCaFile { get; init; }

    /// <summary>External mode: PEM client certificate for a broker that authenticates the gateway by certificate.</summary>
    public string? TlsClientCertificateFile { get; init; }

    /// <summary>External mode: PEM private key of <see cref="TlsClientCertificateFile"/>.</summary>
    public string? TlsClientKeyFile { get; init; }

    /// <summary>File name of the retained-message store in the data folder when <see cref="RetainedStoreFile"/> is null.</summary>
    public const string DefaultRetainedStoreFileName = "campus-retained.json";
}
