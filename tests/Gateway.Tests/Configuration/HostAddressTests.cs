using SmartCampus.Edge.Gateway.Configuration;

namespace SmartCampus.Edge.Gateway.Tests.Configuration;

/// <summary>
/// Host keys written as IPv4 addresses that are not addresses (a number above 255, a letter O for a zero) must fail
/// the check. Otherwise they pass as host names and fail only later, as names that cannot be resolved.
/// </summary>
public class HostAddressTests
{
    private const string DeviceHost = "    host: 127.0.0.1\n    points:";

    private const string DistrictHost = "district:\n  host: 127.0.0.1\n";

    [Theory]
    [InlineData(DeviceHost, "    host: {0}\n    points:", "devices[0].host", "192.168.10.256")]
    [InlineData(DeviceHost, "    host: {0}\n    points:", "devices[0].host", "192.168.1O.5")]
    [InlineData(DeviceHost, "    host: {0}\n    points:", "devices[0].host", "192.168.10")]
    [InlineData(DistrictHost, "district:\n  host: {0}\n", "district.host", "10.20.300.5")]
    [InlineData("  host: 127.0.0.1\n  port: 18830", "  host: {0}\n  port: 18830", "campusBroker.host", "127.0.0.256")]
    public void MistypedIpv4_Rejected(string original, string replacement, string path, string host)
    {
        var yaml = SiteYaml.With(original, string.Format(System.Globalization.CultureInfo.InvariantCulture, replacement, host));

        var english = SiteYaml.Single(SiteYaml.Load(yaml));
        var chinese = SiteYaml.Single(SiteYaml.Load(yaml, SiteYaml.Chinese));

        Assert.Equal(ConfigurationProblemKind.InvalidValue, english.Kind);
        Assert.Equal(path, english.Path);
        Assert.Equal(host, english.Value);
        Assert.Equal(SiteYaml.LineOf(yaml, host), english.Line);
        Assert.Contains($"`{host}` is written as an IPv4 address but is not one", english.Message, StringComparison.Ordinal);
        Assert.Contains("four numbers from 0 to 255", english.Message, StringComparison.Ordinal);
        Assert.Contains($"`{host}` 写成了 IPv4 地址的形式", chinese.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("192.168.10.21")]
    [InlineData("plc-01.school.lan")]
    [InlineData("::1")]
    [InlineData("::ffff:192.168.10.21")]
    public void ValidHost_Accepted(string host)
    {
        var result = SiteYaml.Load(SiteYaml.With(DeviceHost, $"    host: \"{host}\"\n    points:"));

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
    }
}
