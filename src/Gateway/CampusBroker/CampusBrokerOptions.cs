using System.Net;

namespace SmartCampus.Edge.Gateway.CampusBroker;

public sealed class CampusBrokerOptions
{
    /// <summary>The address the broker listens on when <see cref="ListenAddresses"/> is empty. Loopback keeps it local; a LAN address serves boards in classrooms.</summary>
    public IPAddress ListenAddress { get; init; } = IPAddress.Loopback;

    /// <summary>
    /// Every address the broker listens on, each on <see cref="Port"/> (and <see cref="TlsPort"/>), for example a
    /// LAN address and 127.0.0.1, or 127.0.0.1 and ::1. Empty: <see cref="ListenAddress"/> alone.
    /// </summary>
    public IReadOnlyList<IPAddress> ListenAddresses { get; init; } = [];

    /// <summary>TCP port; 0 lets the system pick a free one (see <see cref="CampusBrokerHost.BoundPort"/>).</summary>
    public int Port { get; init; } = 1883;

    public IReadOnlyList<CampusBrokerAccount> Accounts { get; init; } = [];

    /// <summary>
    /// Messages queued per client before the oldest is dropped. MQTTnet 5.2 defaults to 1000 and drops silently;
    /// this broker counts and logs every drop.
    /// </summary>
    public int MaxPendingMessagesPerClient { get; init; } = 10_000;

    /// <summary>
    /// Largest payload in bytes that the broker routes. A larger publish is rejected and its client disconnected, so
    /// one faulty device cannot fill the queues of every subscriber. Class-board and gate messages are a few KiB.
    /// </summary>
    public int MaxPayloadBytes { get; init; } = 256 * 1024;

    /// <summary>Time a new connection has to send its CONNECT packet, and any packet to finish, before it is closed.</summary>
    public TimeSpan CommunicationTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Serve plain MQTT on <see cref="Port"/>. Off leaves only the TLS listener, which then must be configured.</summary>
    public bool PlainTextEnabled { get; init; } = true;

    /// <summary>Server certificate for MQTT over TLS: a PEM certificate (with <see cref="TlsKeyPath"/>) or a PKCS#12 file. Null: no TLS listener.</summary>
    public string? TlsCertificatePath { get; init; }

    /// <summary>PEM private key of the certificate; null when the certificate file is PKCS#12 (.pfx/.p12).</summary>
    public string? TlsKeyPath { get; init; }

    /// <summary>Password of the PKCS#12 file, if it has one. Never logged.</summary>
    public string? TlsCertificatePassword { get; init; }

    /// <summary>TCP port of the TLS listener, on the same address; 0 picks a free one (see <see cref="CampusBrokerHost.BoundTlsPort"/>).</summary>
    public int TlsPort { get; init; } = 8883;

    /// <summary>
    /// JSON file that keeps retained messages (device status, emergency notices) across broker restarts; null keeps
    /// them in memory only. Written after every change, through a temporary file and a rename.
    /// </summary>
    public string? RetainedStorePath { get; init; }
}
