using System.Globalization;
using MQTTnet.Formatter;
using SmartCampus.Edge.Sync.Resources;

namespace SmartCampus.Edge.Sync.Uplink;

/// <summary>Settings of the <see cref="DistrictUplink"/>; checked as a whole by <see cref="Validate"/>.</summary>
public sealed class UplinkOptions
{
    /// <summary>Host name or address of the district broker.</summary>
    public string Host { get; set; } = string.Empty;

    public int Port { get; set; } = 1883;

    /// <summary>MQTT version: "5" (default) or "3.1.1".</summary>
    public string ProtocolVersion { get; set; } = "5";

    /// <summary>
    /// MQTT client id. It must stay the same across restarts, because the broker keys the persistent session on it.
    /// Empty means "edge-{SchoolId}-{GatewayId}".
    /// </summary>
    public string? ClientId { get; set; }

    public string? Username { get; set; }

    /// <summary>Broker password; sent only in the CONNECT packet and never logged.</summary>
    public string? Password { get; set; }

    /// <summary>First topic levels, e.g. "district" or "cn/district-7".</summary>
    public string TopicPrefix { get; set; } = "district";

    public string SchoolId { get; set; } = string.Empty;

    public string GatewayId { get; set; } = string.Empty;

    /// <summary>
    /// How long the broker may send nothing at all (no PUBACK, SUBACK or command) while a publish waits for its PUBACK,
    /// before the connection is dropped and rebuilt. A PUBACK that waits longer while other responses still arrive does
    /// not end the connection, up to 3 × this value for one publish.
    /// </summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long to wait for the CONNACK and the SUBACK; MQTTnet also waits this long for a PINGRESP.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// MQTT keep-alive; zero turns pings off. MQTTnet sends a PINGREQ after this long without sending anything, so an
    /// idle connection on a dead link ends within it plus <see cref="ConnectTimeout"/>.
    /// </summary>
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>MQTT 5 session expiry interval: how long the broker keeps the session after a disconnect.</summary>
    public TimeSpan SessionExpiry { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Maximum records per published batch.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// Maximum payload bytes per batch (default 256 KiB); a single larger record still goes alone. An MQTT 5 broker's
    /// Maximum Packet Size lowers it further.
    /// </summary>
    public int MaxBatchBytes { get; set; } = 256 * 1024;

    /// <summary>First reconnect delay; each failure doubles it up to <see cref="ReconnectMaxDelay"/>, with jitter.</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Connects with TLS, checking the broker certificate against <see cref="Host"/> and against
    /// <see cref="TlsCaFile"/>, or the system trust store when no CA file is given.
    /// </summary>
    public bool UseTls { get; set; }

    /// <summary>PEM file with the CA certificate(s) of the district broker, e.g. a private district CA.</summary>
    public string? TlsCaFile { get; set; }

    /// <summary>PEM file with this gateway's client certificate, for brokers that require one.</summary>
    public string? TlsClientCertificateFile { get; set; }

    /// <summary>PEM file with the client certificate's private key (chmod 600); empty when the certificate file holds it.</summary>
    public string? TlsClientKeyFile { get; set; }

    /// <summary>Batch compression: "none" (default), "gzip" or "zstd". See docs/district-topics.md for how it is declared.</summary>
    public string Compression { get; set; } = "none";

    /// <summary>
    /// How long telemetry and events may wait for a fuller batch (default zero: send at once). Alarms never wait.
    /// </summary>
    public TimeSpan MaxBatchAge { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Opens a second connection, client id "{client id}-alarms", that carries only alarms (default true). Each alarm
    /// then goes on both connections, so it does not wait behind telemetry on a lossy line, and may arrive twice.
    /// </summary>
    public bool AlarmConnection { get; set; } = true;

    /// <summary>
    /// Maximum wait between the alarm connection's attempts while an alarm waits in the outbox and the link failed for
    /// a transport reason (refused, timed out, unreachable, lost). Each wait is between half and all of it (default
    /// 500 ms). It replaces the doubling backoff only then, so an alarm raised during an outage goes out within about
    /// this long of the link coming back. A rejection in the CONNACK keeps the backoff.
    /// </summary>
    public TimeSpan AlarmReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Interval of the retained status (heartbeat) while connected (default 60 s).</summary>
    public TimeSpan StatusInterval { get; set; } = TimeSpan.FromSeconds(60);

    internal bool UseGzip => string.Equals(Compression.Trim(), "gzip", StringComparison.OrdinalIgnoreCase);

    internal bool UseZstd => string.Equals(Compression.Trim(), "zstd", StringComparison.OrdinalIgnoreCase);

    /// <summary>The content encoding batches declare: "gzip", "zstd", or null when they go uncompressed.</summary>
    internal string? ContentEncoding => UseGzip ? "gzip" : UseZstd ? "zstd" : null;

    internal string EffectiveClientId => string.IsNullOrWhiteSpace(ClientId) ? $"edge-{SchoolId}-{GatewayId}" : ClientId;

    internal MqttProtocolVersion MqttVersion => ProtocolVersion.Trim() switch
    {
        "5" or "5.0" => MqttProtocolVersion.V500,
        "3.1.1" => MqttProtocolVersion.V311,
        _ => MqttProtocolVersion.Unknown,
    };

    /// <summary>Lists every problem in these settings, in the current UI culture; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();

        if (string.IsNullOrWhiteSpace(Host))
        {
            problems.Add(SyncText.Format(SyncText.OptionRequired, nameof(Host)));
        }

        if (Port is < 1 or > 65535)
        {
            problems.Add(SyncText.Format(SyncText.OptionInvalidPort, nameof(Port), Port));
        }

        if (MqttVersion == MqttProtocolVersion.Unknown)
        {
            problems.Add(SyncText.Format(SyncText.OptionInvalidProtocolVersion, nameof(ProtocolVersion), ProtocolVersion));
        }

        if (!string.IsNullOrEmpty(Password) && string.IsNullOrEmpty(Username))
        {
            problems.Add(SyncText.Format(SyncText.OptionPasswordWithoutUsername, nameof(Password), nameof(Username)));
        }

        if (!DistrictTopics.IsValidPrefix(TopicPrefix))
        {
            problems.Add(SyncText.Format(SyncText.OptionInvalidTopicPrefix, nameof(TopicPrefix), TopicPrefix));
        }

        AddLevelProblem(problems, nameof(SchoolId), SchoolId);
        AddLevelProblem(problems, nameof(GatewayId), GatewayId);

        AddPositiveProblem(problems, nameof(PublishTimeout), PublishTimeout);
        AddPositiveProblem(problems, nameof(ConnectTimeout), ConnectTimeout);
        AddPositiveProblem(problems, nameof(SessionExpiry), SessionExpiry);
        AddPositiveProblem(problems, nameof(ReconnectMinDelay), ReconnectMinDelay);
        AddPositiveProblem(problems, nameof(AlarmReconnectDelay), AlarmReconnectDelay);

        if (KeepAlive < TimeSpan.Zero)
        {
            problems.Add(SyncText.Format(SyncText.OptionNotNegative, nameof(KeepAlive), Show(KeepAlive)));
        }

        if (ReconnectMaxDelay < ReconnectMinDelay)
        {
            problems.Add(SyncText.Format(
                SyncText.OptionMinAboveMax, nameof(ReconnectMinDelay), Show(ReconnectMinDelay), nameof(ReconnectMaxDelay), Show(ReconnectMaxDelay)));
        }

        if (ContentEncoding is null && !string.Equals(Compression.Trim(), "none", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(SyncText.Format(SyncText.OptionInvalidCompression, nameof(Compression), Compression));
        }

        if (MaxBatchAge < TimeSpan.Zero)
        {
            problems.Add(SyncText.Format(SyncText.OptionNotNegative, nameof(MaxBatchAge), Show(MaxBatchAge)));
        }

        AddPositiveProblem(problems, nameof(StatusInterval), StatusInterval);

        if (BatchSize <= 0)
        {
            problems.Add(SyncText.Format(SyncText.OptionMustBePositive, nameof(BatchSize), BatchSize));
        }

        if (MaxBatchBytes <= 0)
        {
            problems.Add(SyncText.Format(SyncText.OptionMustBePositive, nameof(MaxBatchBytes), MaxBatchBytes));
        }

        return problems;
    }

    private static void AddLevelProblem(List<string> problems, string name, string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add(SyncText.Format(SyncText.OptionRequired, name));
        }
        else if (!DistrictTopics.IsValidLevel(value))
        {
            problems.Add(SyncText.Format(SyncText.OptionInvalidTopicLevel, name, value));
        }
    }

    private static void AddPositiveProblem(List<string> problems, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            problems.Add(SyncText.Format(SyncText.OptionMustBePositive, name, Show(value)));
        }
    }

    private static string Show(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}
