using System.Net;

namespace SmartCampus.Edge.Gateway.Configuration.Model;

/// <summary>The local web console (section <c>console</c>); off unless the file enables it.</summary>
public sealed record ConsoleConfiguration
{
    public const int DefaultPort = 8443;

    public static readonly TimeSpan DefaultSessionLifetime = TimeSpan.FromHours(8);

    public static readonly TimeSpan DefaultHistorySpan = TimeSpan.FromHours(6);

    public static readonly TimeSpan DefaultHistoryInterval = TimeSpan.FromMinutes(1);

    public static readonly ConsoleConfiguration Disabled = new();

    public bool Enabled { get; init; }

    /// <summary>The one address the console listens on; default loopback, so nothing outside the box reaches it.</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>TCP port, 1 to 65535; default <see cref="DefaultPort"/>.</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>Serve HTTPS (default). Without a supplied certificate the gateway makes a self-signed one.</summary>
    public bool Https { get; init; } = true;

    /// <summary>PEM certificate supplied by the site; null generates a self-signed one under the data folder.</summary>
    public string? CertificateFile { get; init; }

    /// <summary>PEM private key of <see cref="CertificateFile"/>; given together with it.</summary>
    public string? KeyFile { get; init; }

    /// <summary>Time a login lasts, 5 min to 7 days; it does not slide with use.</summary>
    public TimeSpan SessionLifetime { get; init; } = DefaultSessionLifetime;

    /// <summary>Whether /metrics is served without a session (default true, because it contains counters and no secrets).</summary>
    public bool MetricsWithoutLogin { get; init; } = true;

    /// <summary>Whether /health/live and /health/ready are served without a session (default true, for systemd and probes).</summary>
    public bool HealthWithoutLogin { get; init; } = true;

    /// <summary>How far back the point charts reach, 10 min to 48 h.</summary>
    public TimeSpan HistorySpan { get; init; } = DefaultHistorySpan;

    /// <summary>Least time between two kept values of one point in the chart history, 1 s to 1 h.</summary>
    public TimeSpan HistoryInterval { get; init; } = DefaultHistoryInterval;
}
