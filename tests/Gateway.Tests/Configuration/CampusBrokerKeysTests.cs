using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Gateway.Configuration.Model;

namespace SmartCampus.Edge.Gateway.Tests.Configuration;

/// <summary>The campusBroker keys for TLS, retained store, queue size and persistent sessions, and their problems.</summary>
public sealed class CampusBrokerKeysTests : IDisposable
{
    private const string BrokerTail = "  password: test-broker-secret\n";

    private readonly string _directory = Directory.CreateTempSubdirectory("smartcampus-broker-keys-").FullName;

    [Fact]
    public void EmbeddedKeys_Read()
    {
        var certificate = Touch("broker.pem");
        var key = Touch("broker.key");
        var yaml = WithBrokerKeys($"""
              tlsCertificateFile: {certificate}
              tlsKeyFile: {key}
              tlsPort: 18883
              retainedStore: retained/campus.json
              maxQueuedMessages: 50000

            """);

        var result = Load(yaml);

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        var broker = result.Configuration!.CampusBroker;
        Assert.Equal(certificate, broker.TlsCertificateFile);
        Assert.Equal(key, broker.TlsKeyFile);
        Assert.Equal(18883, broker.TlsPort);
        Assert.Equal(Path.Combine(_directory, "retained", "campus.json"), broker.RetainedStoreFile);
        Assert.Equal(50_000, broker.MaxQueuedMessages);
    }

    [Fact]
    public void Defaults_WhenKeysAbsent()
    {
        var result = Load(SiteYaml.Valid);

        var broker = result.Configuration!.CampusBroker;
        Assert.Null(broker.TlsCertificateFile);
        Assert.Null(broker.RetainedStoreFile);
        Assert.Equal(10_000, broker.MaxQueuedMessages);
        Assert.False(broker.PersistentSession);
        Assert.Equal(TimeSpan.FromHours(1), broker.SessionExpiry);
    }

    [Fact]
    public void ExternalKeys_Read()
    {
        var yaml = SiteYaml.With("mode: embedded", "mode: external");
        yaml = SiteYaml.Replace(yaml, BrokerTail, BrokerTail + "  persistentSession: true\n  sessionExpiry: 2h\n");

        var result = Load(yaml);

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        Assert.True(result.Configuration!.CampusBroker.PersistentSession);
        Assert.Equal(TimeSpan.FromHours(2), result.Configuration.CampusBroker.SessionExpiry);
    }

    [Fact]
    public void EmbeddedHostName_Rejected()
    {
        var yaml = SiteYaml.With("  host: 127.0.0.1\n  port: 18830", "  host: gateway.school.lan\n  port: 18830");

        var problem = SiteYaml.Single(Load(yaml));

        Assert.Equal(ConfigurationProblemKind.InvalidValue, problem.Kind);
        Assert.Equal("campusBroker.host", problem.Path);
        Assert.Equal(SiteYaml.LineOf(yaml, "gateway.school.lan"), problem.Line);
        Assert.Contains("gateway.school.lan", problem.Message, StringComparison.Ordinal);
        Assert.Contains("host: 127.0.0.1", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TlsKey_NeedsCertificate()
    {
        var yaml = WithBrokerKeys($"  tlsKeyFile: {Touch("broker.key")}\n");

        var problem = SiteYaml.Single(Load(yaml));

        Assert.Equal(ConfigurationProblemKind.InvalidCombination, problem.Kind);
        Assert.Equal("campusBroker.tlsKeyFile", problem.Path);
    }

    [Fact]
    public void PemCertificate_NeedsKey()
    {
        var yaml = WithBrokerKeys($"  tlsCertificateFile: {Touch("broker.pem")}\n");

        var problem = SiteYaml.Single(Load(yaml));

        Assert.Equal(ConfigurationProblemKind.InvalidCombination, problem.Kind);
        Assert.Equal("campusBroker.tlsCertificateFile", problem.Path);
        Assert.Contains("tlsKeyFile", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pkcs12Certificate_NeedsNoKey()
    {
        var yaml = WithBrokerKeys($"  tlsCertificateFile: {Touch("broker.pfx")}\n");

        var result = Load(yaml);

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
    }

    [Fact]
    public void SessionKeyInEmbeddedMode_Rejected()
    {
        var yaml = WithBrokerKeys("  persistentSession: true\n");

        var problem = SiteYaml.Single(Load(yaml, SiteYaml.Chinese));

        Assert.Equal(ConfigurationProblemKind.InvalidCombination, problem.Kind);
        Assert.Equal("campusBroker.persistentSession", problem.Path);
        Assert.Equal(SiteYaml.LineOf(yaml, "persistentSession: true"), problem.Line);
        Assert.Contains("mode: external", problem.Message, StringComparison.Ordinal);
        Assert.Contains("仅在", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void QueueKeyInExternalMode_Rejected()
    {
        var yaml = SiteYaml.Replace(WithBrokerKeys("  maxQueuedMessages: 5000\n"), "mode: embedded", "mode: external");

        var problem = SiteYaml.Single(Load(yaml));

        Assert.Equal(ConfigurationProblemKind.InvalidCombination, problem.Kind);
        Assert.Equal("campusBroker.maxQueuedMessages", problem.Path);
        Assert.Contains("mode: embedded", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10")]
    [InlineData("2000000")]
    public void QueueSize_OutOfRange(string size)
    {
        var yaml = WithBrokerKeys($"  maxQueuedMessages: {size}\n");

        var problem = SiteYaml.Single(Load(yaml));

        Assert.Equal(ConfigurationProblemKind.OutOfRange, problem.Kind);
        Assert.Equal("campusBroker.maxQueuedMessages", problem.Path);
        Assert.Equal(size, problem.Value);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string WithBrokerKeys(string keys) => SiteYaml.With(BrokerTail, BrokerTail + keys);

    private SiteConfigurationLoadResult Load(string yaml, System.Globalization.CultureInfo? culture = null) =>
        SiteConfigurationLoader.LoadFromText(yaml, "campus.yaml", _directory, culture ?? SiteYaml.English);

    private string Touch(string name)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, "placeholder");
        return path;
    }
}
