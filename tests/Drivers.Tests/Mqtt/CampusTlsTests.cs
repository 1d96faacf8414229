using SmartCampus.Edge.Drivers.Mqtt;
using SmartCampus.Edge.TestPeers;

namespace SmartCampus.Edge.Drivers.Tests.Mqtt;

/// <summary>The gateway's MQTT client over TLS to a real Mosquitto with a throwaway CA.</summary>
public sealed class CampusTlsTests
{
    [Fact]
    public async Task Connect_TrustsConfiguredCa()
    {
        using var certificates = new TestCertificates("school");
        var server = certificates.IssueServer("broker");
        await using var broker = await StartTlsBrokerAsync(certificates, server);

        var outcome = await RunSessionAsync(Options(broker.TlsPort, certificates.CaFile));

        Assert.True(outcome.Connected, outcome.Describe());
        Assert.Null(outcome.Error);
    }

    [Fact]
    public async Task Connect_WrongCa_RefusedNamingTheFix()
    {
        using var certificates = new TestCertificates("school");
        using var other = new TestCertificates("other");
        await using var broker = await StartTlsBrokerAsync(certificates, certificates.IssueServer("broker"));

        using var culture = new UiCulture("en");
        var outcome = await RunSessionAsync(Options(broker.TlsPort, other.CaFile));

        Assert.False(outcome.Connected);
        Assert.NotNull(outcome.Error);
        Assert.Contains($"127.0.0.1:{broker.TlsPort}", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("campusBroker.tlsCaFile", outcome.Error, StringComparison.Ordinal);
        Assert.Contains(outcome.Logger.Entries, e => e.Id.Id == 2272 && e.Message.Contains("Untrusted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Connect_HostNotInCertificate_Refused()
    {
        using var certificates = new TestCertificates("school");
        await using var broker = await StartTlsBrokerAsync(certificates, certificates.IssueServer("broker", dnsNameOnly: "broker.school.example"));

        using var culture = new UiCulture("zh-CN");
        var outcome = await RunSessionAsync(Options(broker.TlsPort, certificates.CaFile));

        Assert.False(outcome.Connected);
        Assert.NotNull(outcome.Error);
        Assert.Contains("不是为 127.0.0.1 签发的", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("campusBroker.host", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_ClientCertificate_AcceptedByBrokerThatRequiresOne()
    {
        using var certificates = new TestCertificates("school");
        var client = certificates.IssueClient("gateway");
        await using var broker = await StartTlsBrokerAsync(certificates, certificates.IssueServer("broker"), requireClientCertificate: true);

        var withCertificate = await RunSessionAsync(Options(broker.TlsPort, certificates.CaFile) with { Certificate = client.Certificate, Key = client.Key });
        using var culture = new UiCulture("en");
        var without = await RunSessionAsync(Options(broker.TlsPort, certificates.CaFile));

        Assert.True(withCertificate.Connected, withCertificate.Describe());
        Assert.False(without.Connected);
        Assert.NotNull(without.Error);
        Assert.True(without.Error.Contains("tlsClientCertificateFile", StringComparison.Ordinal), without.Describe());
    }

    [Fact]
    public void Create_MissingCaFile_NamesKeyAndPath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-such-ca-{Guid.NewGuid():N}.pem");
        using var culture = new UiCulture("en");

        var error = Assert.Throws<InvalidOperationException>(() => CampusMqttTls.Create(new CampusMqttOptions { Host = "127.0.0.1", ClientId = "gw", UseTls = true, TlsCaFile = path }));

        Assert.Contains("campusBroker.tlsCaFile", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_KeyDoesNotMatchCertificate_NamesKeyFile()
    {
        using var certificates = new TestCertificates("school");
        var first = certificates.IssueClient("first");
        var second = certificates.IssueClient("second");
        using var culture = new UiCulture("zh-CN");

        var error = Assert.Throws<InvalidOperationException>(() => CampusMqttTls.Create(new CampusMqttOptions
        {
            Host = "127.0.0.1",
            ClientId = "gw",
            UseTls = true,
            TlsClientCertificateFile = first.Certificate,
            TlsClientKeyFile = second.Key,
        }));

        Assert.Contains("campusBroker.tlsClientKeyFile", error.Message, StringComparison.Ordinal);
        Assert.Contains("无法使用", error.Message, StringComparison.Ordinal);
    }

    private static TlsSettings Options(int port, string caFile) => new(port, caFile, null, null);

    private static async Task<TlsBroker> StartTlsBrokerAsync(TestCertificates certificates, (string Certificate, string Key) server, bool requireClientCertificate = false)
    {
        var tlsPort = LoopbackPort.Free();
        var options = new MosquittoBrokerOptions();
        options.ExtraConfigLines.Add($"listener {tlsPort} 127.0.0.1");
        options.ExtraConfigLines.Add("allow_anonymous true");
        options.ExtraConfigLines.Add($"cafile {certificates.CaFile}");
        options.ExtraConfigLines.Add($"certfile {server.Certificate}");
        options.ExtraConfigLines.Add($"keyfile {server.Key}");
        if (requireClientCertificate)
        {
            options.ExtraConfigLines.Add("require_certificate true");
        }

        var broker = await MosquittoBroker.StartAsync(options);
        return new TlsBroker(broker, tlsPort);
    }

    private static async Task<Outcome> RunSessionAsync(TlsSettings tls)
    {
        var logger = new TestLogger<CampusTlsTests>();
        var options = new CampusMqttOptions
        {
            Host = "127.0.0.1",
            Port = tls.Port,
            ClientId = $"gw-tls-{Guid.NewGuid():N}"[..20],
            UseTls = true,
            TlsCaFile = tls.CaFile,
            TlsClientCertificateFile = tls.Certificate,
            TlsClientKeyFile = tls.Key,
            ReconnectDelay = TimeSpan.FromMilliseconds(50),
            ConnectTimeout = TimeSpan.FromSeconds(5),
        };
        using var session = new CampusMqttSession(options, TimeProvider.System, logger, ["campus/boards/+/heartbeat"], _ => Task.CompletedTask, _ => Task.CompletedTask);
        using var stop = new CancellationTokenSource();
        var run = session.RunAsync(stop.Token);

        var started = DateTime.UtcNow;
        while (!session.SubscriptionsActive && session.LastConnectError is null && DateTime.UtcNow - started < TimeSpan.FromSeconds(8))
        {
            await Task.Delay(10);
        }

        var outcome = new Outcome(session.SubscriptionsActive, session.LastConnectError, logger);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
        return outcome;
    }


    private sealed record TlsSettings(int Port, string CaFile, string? Certificate, string? Key);

    private sealed record Outcome(bool Connected, string? Error, TestLogger<CampusTlsTests> Logger)
    {
        public string Describe() => $"error: {Error}; log: {string.Join(" | ", Logger.Entries.Select(e => e.Message))}";
    }

    private sealed class TlsBroker(MosquittoBroker broker, int tlsPort) : IAsyncDisposable
    {
        public int TlsPort => tlsPort;

        public ValueTask DisposeAsync() => broker.DisposeAsync();
    }
}
