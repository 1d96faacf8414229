namespace SmartCampus.Edge.Gateway.Configuration.Model;

/// <summary>The district MQTT broker that receives telemetry, events and alarms.</summary>
public sealed record DistrictConfiguration
{
    public const int DefaultPort = 1883;

    public const DistrictProtocol DefaultProtocol = DistrictProtocol.Mqtt5;

    public const string DefaultTopicPrefix = "district";

    public const int DefaultBatchSize = 100;

    public static readonly TimeSpan DefaultPublishTimeout = TimeSpan.FromSeconds(10);

    public required string Host { get; init; }

    /// <summary>TCP port, 1 to 65535; default <see cref="DefaultPort"/>.</summary>
    public required int Port { get; init; }

    public required DistrictProtocol Protocol { get; init; }

    /// <summary>MQTT client id; the default is "{school.id}-{gateway.id}".</summary>
    public required string ClientId { get; init; }

    /// <summary>First topic level(s): records go to {TopicPrefix}/{school}/{gateway}/{lane}.</summary>
    public required string TopicPrefix { get; init; }

    /// <summary>How long the broker may send nothing at all while a publish waits for its acknowledgement.</summary>
    public required TimeSpan PublishTimeout { get; init; }

    /// <summary>Maximum outbox records sent per batch, 1 to 10,000.</summary>
    public required int BatchSize { get; init; }

    public string? Username { get; init; }

    /// <summary>Password written in the file; null when none is given or <see cref="PasswordFile"/> is used.</summary>
    public string? Password { get; init; }

    /// <summary>Absolute path of a file that contains the password (a trailing line break is not part of it); the file existed at load time.</summary>
    public string? PasswordFile { get; init; }

    /// <summary>TLS to the district broker, with the server certificate validated (<c>tls</c>).</summary>
    public bool UseTls { get; init; }

    /// <summary>PEM file of the CA that signed the district broker's certificate; null for the system trust store.</summary>
    public string? TlsCaFile { get; init; }

    /// <summary>PEM client certificate and key for brokers that authenticate gateways by certificate.</summary>
    public string? TlsClientCertificateFile { get; init; }

    public string? TlsClientKeyFile { get; init; }

    /// <summary>Batch compression: none, gzip or zstd.</summary>
    public DistrictCompression Compression { get; init; }

    /// <summary>Time a telemetry batch may wait to fill up; zero sends at once. Alarms never wait.</summary>
    public TimeSpan MaxBatchAge { get; init; }

    /// <summary>File with the base64 HMAC key that district commands are signed with; null turns commands off.</summary>
    public string? CommandKeyFile { get; init; }

    /// <summary>A second connection, client id "{clientId}-alarms", that carries only alarms (<c>alarmConnection</c>, default true).</summary>
    public bool AlarmConnection { get; init; } = true;

    /// <summary>Interval of the retained heartbeat status.</summary>
    public TimeSpan StatusInterval { get; init; } = TimeSpan.FromSeconds(60);

    public static readonly TimeSpan DefaultReconnectMinDelay = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan DefaultReconnectMaxDelay = TimeSpan.FromSeconds(60);

    /// <summary>First wait before reconnecting to the district broker; each failure doubles it.</summary>
    public TimeSpan ReconnectMinDelay { get; init; } = DefaultReconnectMinDelay;

    /// <summary>Longest wait between reconnect attempts, and so the longest time a returned link goes unnoticed.</summary>
    public TimeSpan ReconnectMaxDelay { get; init; } = DefaultReconnectMaxDelay;

    public static readonly TimeSpan DefaultAlarmReconnectDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Maximum wait between the alarm connection's attempts while an alarm is unsent and the link is down for a
    /// transport reason (<c>alarmReconnectDelay</c>); it replaces the doubling backoff only then.
    /// </summary>
    public TimeSpan AlarmReconnectDelay { get; init; } = DefaultAlarmReconnectDelay;

    public static readonly TimeSpan DefaultKeepAlive = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(10);

    /// <summary>MQTT keep-alive: a PINGREQ after this long without sending; zero turns pings off.</summary>
    public TimeSpan KeepAlive { get; init; } = DefaultKeepAlive;

    public static readonly TimeSpan DefaultSessionExpiry = TimeSpan.FromDays(1);

    /// <summary>
    /// MQTT 5 Session Expiry Interval: how long the broker keeps the session (subscriptions, queued commands) of a
    /// disconnected gateway, 1 minute to 7 days. MQTT 3.1.1 has no such interval; there the broker decides.
    /// </summary>
    public TimeSpan SessionExpiry { get; init; } = DefaultSessionExpiry;

    /// <summary>Wait for the CONNACK, the SUBACK and a PINGRESP.</summary>
    public TimeSpan ConnectTimeout { get; init; } = DefaultConnectTimeout;

    /// <summary>What the link speaks: the SmartCampus district topics (default) or ThingsBoard's gateway MQTT API.</summary>
    public DistrictProfile Profile { get; init; } = DistrictProfile.SmartCampus;

    /// <summary>With <see cref="DistrictProfile.ThingsBoard"/>: file with the gateway device's access token; it existed at load time.</summary>
    public string? AccessTokenFile { get; init; }

    /// <summary>With <see cref="DistrictProfile.ThingsBoard"/>: run server-side RPCs (gate, notice, alarm.ack, status.request).</summary>
    public bool Rpc { get; init; }
}
