using SmartCampus.Edge.Gateway.Composition;
using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Gateway.Configuration.Model;

namespace SmartCampus.Edge.Gateway.Tests.Configuration;

/// <summary>The district section's profile and its ThingsBoard keys (profile, accessTokenFile, rpc).</summary>
public sealed class DistrictProfileKeysTests : IDisposable
{
    private readonly string _tokenFile = Path.Combine(Path.GetTempPath(), $"tb-token-{Guid.NewGuid():N}");

    public DistrictProfileKeysTests() => File.WriteAllText(_tokenFile, "token-for-test\n");

    public void Dispose() => File.Delete(_tokenFile);

    private static string WithDistrict(string lines) => SiteYaml.With("district:\n  host: 127.0.0.1\n", "district:\n  host: 127.0.0.1\n" + lines);

    [Fact]
    public void Profile_DefaultSmartCampus()
    {
        var result = SiteYaml.Load(SiteYaml.Valid);

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        Assert.Equal(DistrictProfile.SmartCampus, result.Configuration!.District.Profile);
        Assert.False(result.Configuration.District.Rpc);
    }

    [Fact]
    public void ThingsBoard_ReadAndPassedToOptions()
    {
        var result = SiteYaml.Load(WithDistrict($"  profile: thingsboard\n  accessTokenFile: {_tokenFile}\n  rpc: true\n"));

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        var district = result.Configuration!.District;
        Assert.Equal(DistrictProfile.ThingsBoard, district.Profile);
        Assert.Equal(_tokenFile, district.AccessTokenFile);
        var options = ThingsBoardOptionsFactory.Create(result.Configuration);
        Assert.True(options.RpcEnabled);
        Assert.Equal(_tokenFile, options.AccessTokenFile);
        Assert.Equal("modbus-tcp", options.DeviceTypes["air"]);
        Assert.Equal("gpio", options.DeviceTypes["panel"]);
        Assert.EndsWith(ThingsBoardOptionsFactory.RpcLedgerFileName, options.RpcLedgerPath, StringComparison.Ordinal);
    }

    [Fact]
    public void ThingsBoard_WithoutTokenFile_MissingKey()
    {
        var problem = SiteYaml.Single(SiteYaml.Load(WithDistrict("  profile: thingsboard\n")));

        Assert.Equal(ConfigurationProblemKind.MissingKey, problem.Kind);
        Assert.Equal("district.accessTokenFile", problem.Path);
        Assert.Contains("profile: thingsboard", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("username: gw")]
    [InlineData("commandKeyFile: /dev/null")]
    [InlineData("topicPrefix: district")]
    [InlineData("compression: gzip")]
    public void ThingsBoard_WithSmartCampusKey_InvalidCombination(string line)
    {
        var key = line[..line.IndexOf(':', StringComparison.Ordinal)];
        var yaml = WithDistrict($"  profile: thingsboard\n  accessTokenFile: {_tokenFile}\n  {line}\n");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.InvalidCombination, problem.Kind);
        Assert.Equal($"district.{key}", problem.Path);
        Assert.Equal(SiteYaml.LineOf(yaml, line), problem.Line);
        Assert.Contains("profile: thingsboard", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThingsBoardKeyWithoutProfile_InvalidCombination()
    {
        var problem = SiteYaml.Single(SiteYaml.Load(WithDistrict("  rpc: true\n")));

        Assert.Equal(ConfigurationProblemKind.InvalidCombination, problem.Kind);
        Assert.Equal("district.rpc", problem.Path);
        Assert.Contains("`rpc` applies only with `profile: thingsboard`", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThingsBoardKeyWithoutProfile_ReportedInChinese()
    {
        var problem = SiteYaml.Single(SiteYaml.Load(WithDistrict($"  accessTokenFile: {_tokenFile}\n"), SiteYaml.Chinese));

        Assert.Equal("district.accessTokenFile", problem.Path);
        Assert.Contains("`accessTokenFile` 只适用于 `profile: thingsboard`", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownProfile_InvalidValue()
    {
        var problem = SiteYaml.Single(SiteYaml.Load(WithDistrict("  profile: thingsbord\n")));

        Assert.Equal("district.profile", problem.Path);
        Assert.Contains("thingsboard", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TokenFileMissing_FileNotFound()
    {
        var problem = SiteYaml.At(SiteYaml.Load(WithDistrict("  profile: thingsboard\n  accessTokenFile: /nonexistent/thingsboard.token\n")), "district.accessTokenFile");

        Assert.Equal(ConfigurationProblemKind.FileNotFound, problem.Kind);
    }
}
