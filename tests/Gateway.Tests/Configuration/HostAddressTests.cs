using SmartCampus.Edge.Gateway.Configuration;

namespace SmartCampus.Edge.Gateway.Tests.Configuration;

/// <summary>
/// Host keys written as IPv4 addresses that are not addresses (a number above 255, a letter O for a zero) must fail
/// the check. Otherwise they pass as host names and fail only later, as names that cannot be resolved. A host with a
/// port in it and a malformed IPv6 address get messages that name the fix.
/// </summary>
public class HostAddressTests
{
    private const string DeviceHost = "    host: 127.0.0.1\n    points:";

    private const string DistrictHost = "district:\n  host: 127.0.0.1\n";

    private const string RtuTunnel = """
          - id: rtu-1
            kind: modbus-rtu
            tunnelHost: "{0}"
            unitId: 1
            points:
              - id: temperature
                function: input
                address: 0
                type: int16

        """;

    [Theory]
    [InlineData(DeviceHost, "    host: {0}\n    points:", "devices[0].host", "192.168.10.256")]
    [InlineData(DeviceHost, "    host: {0}\n    points:", "devices[0].host", "192.168.1O.5")]
    [InlineData(DeviceHost, "    host: {0}\n    points:", "devices[0].host", "192.168.10")]
    [InlineData(DistrictHost, "district:\n  host: {0}\n", "district.host", "10.20.300.5")]
    [InlineData("  host: 127.0.0.1\n  port: 18830", "  host: {0}\n  port: 18830", "campusBroker.host", "127.0.0.256")]
    public void MistypedIpv4_Rejected(string original, string replacement, string path, string host)
    {
        var (yaml, english, chinese) = LoadWithHost(original, replacement, host);

        Assert.Equal(ConfigurationProblemKind.InvalidValue, english.Kind);
        Assert.Equal(path, english.Path);
        Assert.Equal(host, english.Value);
        Assert.Equal(SiteYaml.LineOf(yaml, host), english.Line);
        Assert.Contains($"`{host}` is written as an IPv4 address but is not one", english.Message, StringComparison.Ordinal);
        Assert.Contains("four numbers from 0 to 255", english.Message, StringComparison.Ordinal);
        Assert.Contains($"`{host}` 写成了 IPv4 地址的形式", chinese.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DeviceHost, "    host: \"{0}\"\n    points:", "devices[0].host", "127.0.0.1:15020", "127.0.0.1", "devices[0].port", "15020")]
    [InlineData(DeviceHost, "    host: \"{0}\"\n    points:", "devices[0].host", "[fe80::1]:502", "fe80::1", "devices[0].port", "502")]
    [InlineData(DistrictHost, "district:\n  host: \"{0}\"\n", "district.host", "mqtt.district.example:8883", "mqtt.district.example", "district.port", "8883")]
    [InlineData("rules:\n", RtuTunnel + "rules:\n", "devices[3].tunnelHost", "192.168.10.50:502", "192.168.10.50", "devices[3].tunnelPort", "502")]
    public void HostWithPort_NamesPortKey(string original, string replacement, string path, string host, string bareHost, string portPath, string port)
    {
        var (yaml, english, chinese) = LoadWithHost(original, replacement, host);

        Assert.Equal(ConfigurationProblemKind.InvalidValue, english.Kind);
        Assert.Equal(path, english.Path);
        Assert.Equal(host, english.Value);
        Assert.Equal(SiteYaml.LineOf(yaml, host), english.Line);
        Assert.Contains($"`{host}` contains a port", english.Message, StringComparison.Ordinal);
        var portKey = portPath[(portPath.LastIndexOf('.') + 1)..];
        Assert.Contains($": {bareHost}`, and write `{portKey}: {port}` in the same entry (the key {portPath}).", english.Message, StringComparison.Ordinal);
        Assert.Contains($"`{host}` 中包含端口", chinese.Message, StringComparison.Ordinal);
        Assert.Contains($"并在同一条目中写 `{portKey}: {port}`（即 {portPath}）", chinese.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[::1")]
    [InlineData("::1]")]
    [InlineData("1:2:3:4:5:6:7:8:9")]
    public void MalformedIpv6_Explained(string host)
    {
        var yaml = SiteYaml.With(DeviceHost, $"    host: \"{host}\"\n    points:");

        var english = SiteYaml.Single(SiteYaml.Load(yaml));
        var chinese = SiteYaml.Single(SiteYaml.Load(yaml, SiteYaml.Chinese));

        Assert.Equal(ConfigurationProblemKind.InvalidValue, english.Kind);
        Assert.Equal("devices[0].host", english.Path);
        Assert.Equal(host, english.Value);
        Assert.Contains($"`{host}` is not a valid IPv6 address", english.Message, StringComparison.Ordinal);
        Assert.Contains("`::` at most once", english.Message, StringComparison.Ordinal);
        Assert.Contains("`host: fe80::1`", english.Message, StringComparison.Ordinal);
        Assert.Contains($"`{host}` 不是有效的 IPv6 地址", chinese.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HostWithPort_CoversMissingPort()
    {
        var simulator = "simulators:\n  - kind: modbus-classroom\n    host: 127.0.0.1:15020\n    unitId: 1\n";
        var yaml = SiteYaml.With("devices:", simulator + "devices:");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml, SiteYaml.Chinese));

        Assert.Equal("simulators[0].host", problem.Path);
        Assert.Contains("并在同一条目中写 `port: 15020`（即 simulators[0].port）", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("192.168.1.20：502", "：", "host: 192.168.1.20`, and write `port: 502` in the same entry")]
    [InlineData("192。168.1.20", "。", "`host: 192.168.1.20`")]
    [InlineData("１９２.168.1.20", "１", "`host: 192.168.1.20`")]
    public void FullWidthCharacter_Named(string host, string character, string fix)
    {
        var (_, english, chinese) = LoadWithHost(DeviceHost, "    host: {0}\n    points:", host);

        Assert.Equal(ConfigurationProblemKind.InvalidValue, english.Kind);
        Assert.Equal("devices[0].host", english.Path);
        Assert.Contains($"the full-width character “{character}”", english.Message, StringComparison.Ordinal);
        Assert.Contains(fix, english.Message, StringComparison.Ordinal);
        Assert.Contains($"中的“{character}”是全角字符（中文输入法打出的）", chinese.Message, StringComparison.Ordinal);
        Assert.Contains("请切换到半角输入", chinese.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fe80::12345", "the group `12345` has 5 digits", "组 `12345` 有 5 位")]
    [InlineData("2001:db8::1::5", "`::` is written 2 times", "`::` 出现了 2 次")]
    public void MalformedIpv6_NamesBadPart(string host, string englishPart, string chinesePart)
    {
        var (_, english, chinese) = LoadWithHost(DeviceHost, "    host: {0}\n    points:", host);

        Assert.Equal("devices[0].host", english.Path);
        Assert.Contains($"`{host}` is not a valid IPv6 address: {englishPart}", english.Message, StringComparison.Ordinal);
        Assert.Contains(chinesePart, chinese.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnquotedBracketedIpv6_SaysQuote()
    {
        var (_, english, chinese) = LoadWithHost(DeviceHost, "    host: {0}\n    points:", "[fe80::1]");

        Assert.Equal(ConfigurationProblemKind.WrongType, english.Kind);
        Assert.Equal("devices[0].host", english.Path);
        Assert.Contains("`host: \"[fe80::1]\"` or `host: fe80::1`", english.Message, StringComparison.Ordinal);
        Assert.Contains("`host: \"[fe80::1]\"` 或 `host: fe80::1`", chinese.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mqtt://broker.school.lan:1883")]
    [InlineData("plc 01")]
    public void OtherInvalidHost_GenericMessage(string host)
    {
        var yaml = SiteYaml.With(DeviceHost, $"    host: \"{host}\"\n    points:");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal("devices[0].host", problem.Path);
        Assert.Contains($"`{host}` is not a host name or IP address", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("192.168.10.21")]
    [InlineData("[fe80::1]")]
    [InlineData("fe80::1:502")]
    [InlineData("plc-01.school.lan")]
    [InlineData("::1")]
    [InlineData("::ffff:192.168.10.21")]
    public void ValidHost_Accepted(string host)
    {
        var result = SiteYaml.Load(SiteYaml.With(DeviceHost, $"    host: \"{host}\"\n    points:"));

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
    }

    /// <summary>Writes <paramref name="host"/> into the test site and returns its one problem in English and in Chinese.</summary>
    private static (string Yaml, ConfigurationProblem English, ConfigurationProblem Chinese) LoadWithHost(string original, string replacement, string host)
    {
        var yaml = SiteYaml.With(original, string.Format(System.Globalization.CultureInfo.InvariantCulture, replacement, host));
        return (yaml, SiteYaml.Single(SiteYaml.Load(yaml)), SiteYaml.Single(SiteYaml.Load(yaml, SiteYaml.Chinese)));
    }
}
