using System.Net;
using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Gateway.Tests.Configuration;

namespace SmartCampus.Edge.Gateway.Tests.WebConsole;

/// <summary>The <c>console</c> section of campus.yaml: defaults, values and one test per problem class.</summary>
public sealed class ConsoleConfigurationTests
{
    [Fact]
    public void Absent_ConsoleDisabled()
    {
        var result = SiteYaml.Load(SiteYaml.Valid);

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        Assert.False(result.Configuration!.Console.Enabled);
    }

    [Fact]
    public void Present_ValuesRead()
    {
        var yaml = SiteYaml.Valid + "\nconsole:\n  enabled: true\n  address: 192.168.10.5\n  port: 9443\n  https: false\n  sessionLifetime: 2h\n  metricsWithoutLogin: false\n  historySpan: 2h\n  historyInterval: 10s\n";

        var result = SiteYaml.Load(yaml);

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        var console = result.Configuration!.Console;
        Assert.True(console.Enabled);
        Assert.Equal(IPAddress.Parse("192.168.10.5"), console.Address);
        Assert.Equal(9443, console.Port);
        Assert.False(console.Https);
        Assert.Equal(TimeSpan.FromHours(2), console.SessionLifetime);
        Assert.False(console.MetricsWithoutLogin);
        Assert.True(console.HealthWithoutLogin);
        Assert.Equal(TimeSpan.FromSeconds(10), console.HistoryInterval);
    }

    [Fact]
    public void Defaults_LoopbackHttps()
    {
        var result = SiteYaml.Load(SiteYaml.Valid + "\nconsole:\n  enabled: true\n");

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        var console = result.Configuration!.Console;
        Assert.Equal(IPAddress.Loopback, console.Address);
        Assert.Equal(8443, console.Port);
        Assert.True(console.Https);
        Assert.Equal(TimeSpan.FromHours(8), console.SessionLifetime);
    }

    [Fact]
    public void AddressNotIp_Reported()
    {
        var yaml = SiteYaml.Valid + "\nconsole:\n  enabled: true\n  address: gateway.local\n";

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.InvalidValue, problem.Kind);
        Assert.Equal("console.address", problem.Path);
        Assert.Equal(SiteYaml.LineOf(yaml, "address: gateway.local"), problem.Line);
        Assert.Equal("gateway.local", problem.Value);
        Assert.Contains("not an IP address", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1:9443", "127.0.0.1")]
    [InlineData("[::1]:9443", "::1")]
    public void AddressWithPort_NamesPortKey(string written, string address)
    {
        var yaml = SiteYaml.Valid + $"\nconsole:\n  enabled: true\n  address: \"{written}\"\n";

        var english = SiteYaml.Single(SiteYaml.Load(yaml));
        var chinese = SiteYaml.Single(SiteYaml.Load(yaml, SiteYaml.Chinese));

        Assert.Equal(ConfigurationProblemKind.InvalidValue, english.Kind);
        Assert.Equal("console.address", english.Path);
        Assert.Equal(written, english.Value);
        Assert.Contains($"write `address: {address}`, and write `port: 9443` in the same entry (the key console.port).", english.Message, StringComparison.Ordinal);
        Assert.Contains($"请改为 `address: {address}`，并在同一条目中写 `port: 9443`（即 console.port）", chinese.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddressNotIp_ReportedInChinese()
    {
        var yaml = SiteYaml.Valid + "\nconsole:\n  enabled: true\n  address: gateway.local\n";

        var problem = SiteYaml.Single(SiteYaml.Load(yaml, SiteYaml.Chinese));

        Assert.Contains("不是 IP 地址", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CertificateWithoutKey_Reported()
    {
        var certificate = Path.GetTempFileName();
        try
        {
            var yaml = SiteYaml.Valid + $"\nconsole:\n  enabled: true\n  certificateFile: {certificate}\n";

            var problem = SiteYaml.Single(SiteYaml.Load(yaml));

            Assert.Equal(ConfigurationProblemKind.InvalidCombination, problem.Kind);
            Assert.Equal("console.certificateFile", problem.Path);
            Assert.Contains("`keyFile`", problem.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(certificate);
        }
    }

    [Fact]
    public void CertificateWithoutHttps_Reported()
    {
        var certificate = Path.GetTempFileName();
        var key = Path.GetTempFileName();
        try
        {
            var yaml = SiteYaml.Valid + $"\nconsole:\n  enabled: true\n  https: false\n  certificateFile: {certificate}\n  keyFile: {key}\n";

            var problem = SiteYaml.Single(SiteYaml.Load(yaml));

            Assert.Equal(ConfigurationProblemKind.InvalidCombination, problem.Kind);
            Assert.Equal("console.certificateFile", problem.Path);
        }
        finally
        {
            File.Delete(certificate);
            File.Delete(key);
        }
    }

    [Fact]
    public void SessionLifetimeOutOfRange_Reported()
    {
        var yaml = SiteYaml.Valid + "\nconsole:\n  enabled: true\n  sessionLifetime: 30d\n";

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal("console.sessionLifetime", problem.Path);
    }

    [Fact]
    public void UnknownKey_Reported()
    {
        var yaml = SiteYaml.Valid + "\nconsole:\n  enabled: true\n  password: admin\n";

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.UnknownKey, problem.Kind);
        Assert.Equal("console.password", problem.Path);
    }
}
