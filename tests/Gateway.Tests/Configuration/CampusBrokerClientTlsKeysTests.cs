using SmartCampus.Edge.Gateway.Configuration;

namespace SmartCampus.Edge.Gateway.Tests.Configuration;

/// <summary>campusBroker keys for TLS to an external broker and for the embedded broker's listen addresses.</summary>
public sealed class CampusBrokerClientTlsKeysTests : IDisposable
{
    private const string BrokerTail = "  password: test-broker-secret\n";

    private readonly string _directory = Directory.CreateTempSubdirectory("smartcampus-broker-tls-").FullName;

    [Fact]
    public void ExternalTlsKeys_Read()
    {
        var ca = Touch("ca.pem");
        var certificate = Touch("gw.pem");
        var key = Touch("gw.key");
        var yaml = External($"  tlsCaFile: {ca}\n  tlsClientCertificateFile: {certificate}\n  tlsClientKeyFile: {key}\n");

        var result = Load(yaml);

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        var broker = result.Configuration!.CampusBroker;
        Assert.True(broker.UseTls);
        Assert.Equal(ca, broker.TlsCaFile);
        Assert.Equal(certificate, broker.TlsClientCertificateFile);
        Assert.Equal(key, broker.TlsClientKeyFile);
    }

    [Fact]
    public void TlsAlone_UsesSystemStore()
    {
        var result = Load(External("  tls: true\n"));

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        Assert.True(result.Configuration!.CampusBroker.UseTls);
        Assert.Null(result.Configuration.CampusBroker.TlsCaFile);
    }

    [Fact]
    public void MissingCaFile_ReportedAtItsLine()
    {
        var missing = Path.Combine(_directory, "no-such-ca.pem");
        var yaml = External($"  tlsCaFile: {missing}\n");

        var problem = SiteYaml.Single(Load(yaml, SiteYaml.Chinese));

        Assert.Equal(ConfigurationProblemKind.FileNotFound, problem.Kind);
        Assert.Equal("campusBroker.tlsCaFile", problem.Path);
        Assert.Equal(SiteYaml.LineOf(yaml, "no-such-ca.pem"), problem.Line);
    }

    [Fact]
    public void ClientKey_NeedsCertificate()
    {
        var problem = SiteYaml.Single(Load(External($"  tlsClientKeyFile: {Touch("gw.key")}\n")));

        Assert.Equal(ConfigurationProblemKind.InvalidCombination, problem.Kind);
        Assert.Equal("campusBroker.tlsClientKeyFile", problem.Path);
        Assert.Contains("tlsClientCertificateFile", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClientCertificate_NeedsKey()
    {
        var problem = SiteYaml.Single(Load(External($"  tlsClientCertificateFile: {Touch("gw.pem")}\n")));

        Assert.Equal(ConfigurationProblemKind.InvalidCombination, problem.Kind);
        Assert.Equal("campusBroker.tlsClientCertificateFile", problem.Path);
        Assert.Contains("tlsClientKeyFile", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CaFileWithTlsOff_Rejected()
    {
        var problem = SiteYaml.Single(Load(External($"  tls: false\n  tlsCaFile: {Touch("ca.pem")}\n")));

        Assert.Equal(ConfigurationProblemKind.InvalidCombination, problem.Kind);
        Assert.Equal("campusBroker.tlsCaFile", problem.Path);
        Assert.Contains("tls: true", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TlsCaFileInEmbeddedMode_Rejected()
    {
        var yaml = SiteYaml.With(BrokerTail, BrokerTail + $"  tlsCaFile: {Touch("ca.pem")}\n");

        var problem = SiteYaml.Single(Load(yaml));

        Assert.Equal(ConfigurationProblemKind.InvalidCombination, problem.Kind);
        Assert.Equal("campusBroker.tlsCaFile", problem.Path);
        Assert.Contains("mode: external", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ListenAddresses_Read()
    {
        var yaml = SiteYaml.With(BrokerTail, BrokerTail + "  listenAddresses: [127.0.0.1, \"::1\"]\n");

        var result = Load(yaml);

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        Assert.Equal(["127.0.0.1", "::1"], result.Configuration!.CampusBroker.ListenAddresses);
    }

    [Fact]
    public void ListenAddresses_HostMustBeListed()
    {
        var yaml = SiteYaml.With(BrokerTail, BrokerTail + "  listenAddresses: [192.168.10.5]\n");

        var problem = SiteYaml.Single(Load(yaml));

        Assert.Equal(ConfigurationProblemKind.InvalidCombination, problem.Kind);
        Assert.Equal("campusBroker.host", problem.Path);
        Assert.Contains("192.168.10.5", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ListenAddresses_WildcardWithOthers_Rejected()
    {
        var yaml = SiteYaml.With(BrokerTail, BrokerTail + "  listenAddresses: [127.0.0.1, 0.0.0.0]\n");

        var problem = SiteYaml.Single(Load(yaml, SiteYaml.Chinese));

        Assert.Equal(ConfigurationProblemKind.InvalidCombination, problem.Kind);
        Assert.Equal("campusBroker.listenAddresses[1]", problem.Path);
        Assert.Contains("所有网卡", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ListenAddresses_NameRejected()
    {
        var yaml = SiteYaml.With(BrokerTail, BrokerTail + "  listenAddresses: [127.0.0.1, gateway.lan]\n");

        var problem = SiteYaml.Single(Load(yaml));

        Assert.Equal(ConfigurationProblemKind.InvalidValue, problem.Kind);
        Assert.Equal("gateway.lan", problem.Value);
    }

    [Theory]
    [InlineData("127.0.0.1:1883", "127.0.0.1")]
    [InlineData("[::1]:1883", "::1")]
    public void ListenAddresses_PortNamesPortKey(string written, string address)
    {
        var yaml = SiteYaml.With(BrokerTail, BrokerTail + $"  listenAddresses: [127.0.0.1, \"{written}\"]\n");

        var english = SiteYaml.Single(Load(yaml));
        var chinese = SiteYaml.Single(Load(yaml, SiteYaml.Chinese));

        Assert.Equal(ConfigurationProblemKind.InvalidValue, english.Kind);
        Assert.Equal("campusBroker.listenAddresses[1]", english.Path);
        Assert.Equal(written, english.Value);
        Assert.Contains($"write `{address}`, and write `port: 1883` in the same entry (the key campusBroker.port)", english.Message, StringComparison.Ordinal);
        Assert.Contains("并在同一条目中写 `port: 1883`（即 campusBroker.port）", chinese.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string External(string keys) =>
        SiteYaml.Replace(SiteYaml.With(BrokerTail, BrokerTail + keys), "mode: embedded", "mode: external");

    private SiteConfigurationLoadResult Load(string yaml, System.Globalization.CultureInfo? culture = null) =>
        SiteConfigurationLoader.LoadFromText(yaml, "campus.yaml", _directory, culture ?? SiteYaml.English);

    private string Touch(string name)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, "placeholder");
        return path;
    }
}
