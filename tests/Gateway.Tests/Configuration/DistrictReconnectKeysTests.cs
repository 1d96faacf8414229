using System.Globalization;
using SmartCampus.Edge.Gateway.Composition;
using SmartCampus.Edge.Gateway.Configuration;

namespace SmartCampus.Edge.Gateway.Tests.Configuration;

/// <summary>The district section's reconnect backoff, which bounds how late a returned link is noticed.</summary>
public sealed class DistrictReconnectKeysTests
{
    private static string WithDelays(string lines) => SiteYaml.With("district:\n  host: 127.0.0.1\n", "district:\n  host: 127.0.0.1\n" + lines);

    [Fact]
    public void Delays_ReadAndPassedToUplink()
    {
        var result = SiteYaml.Load(WithDelays("  reconnectMinDelay: 500ms\n  reconnectMaxDelay: 5s\n"));

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        var options = UplinkOptionsFactory.Create(result.Configuration!);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.ReconnectMinDelay);
        Assert.Equal(TimeSpan.FromSeconds(5), options.ReconnectMaxDelay);
    }

    [Fact]
    public void Delays_DefaultOneToSixtySeconds()
    {
        var result = SiteYaml.Load(SiteYaml.Valid);

        Assert.Equal(TimeSpan.FromSeconds(1), result.Configuration!.District.ReconnectMinDelay);
        Assert.Equal(TimeSpan.FromSeconds(60), result.Configuration.District.ReconnectMaxDelay);
    }

    [Fact]
    public void MaxBelowMin_InvalidCombination()
    {
        var yaml = WithDelays("  reconnectMinDelay: 30s\n  reconnectMaxDelay: 5s\n");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.InvalidCombination, problem.Kind);
        Assert.Equal("district.reconnectMaxDelay", problem.Path);
        Assert.Equal(SiteYaml.LineOf(yaml, "reconnectMaxDelay: 5s"), problem.Line);
        Assert.Contains("shorter than reconnectMinDelay 30s", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MaxBelowMin_ReportedInChinese()
    {
        var yaml = WithDelays("  reconnectMinDelay: 1m\n  reconnectMaxDelay: 10s\n");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml, CultureInfo.GetCultureInfo("zh-CN")));

        Assert.Equal("district.reconnectMaxDelay", problem.Path);
        Assert.Contains("10s 短于 reconnectMinDelay 1m", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MaxDelay_TooShort_OutOfRange()
    {
        var problem = SiteYaml.Single(SiteYaml.Load(WithDelays("  reconnectMaxDelay: 200ms\n")));

        Assert.Equal(ConfigurationProblemKind.OutOfRange, problem.Kind);
        Assert.Equal("district.reconnectMaxDelay", problem.Path);
    }

    [Fact]
    public void AlarmReconnectDelay_ReadAndPassedToUplink()
    {
        var result = SiteYaml.Load(WithDelays("  alarmReconnectDelay: 300ms\n"));

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        Assert.Equal(TimeSpan.FromMilliseconds(300), UplinkOptionsFactory.Create(result.Configuration!).AlarmReconnectDelay);
    }

    [Fact]
    public void AlarmReconnectDelay_DefaultHalfSecond()
    {
        var result = SiteYaml.Load(SiteYaml.Valid);

        Assert.Equal(TimeSpan.FromMilliseconds(500), UplinkOptionsFactory.Create(result.Configuration!).AlarmReconnectDelay);
    }

    [Theory]
    [InlineData("50ms", "en")]
    [InlineData("30s", "en")]
    [InlineData("30s", "zh-CN")]
    public void AlarmReconnectDelay_OutsideTenthToTenSeconds_OutOfRange(string value, string culture)
    {
        var yaml = WithDelays($"  alarmReconnectDelay: {value}\n");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml, CultureInfo.GetCultureInfo(culture)));

        Assert.Equal(ConfigurationProblemKind.OutOfRange, problem.Kind);
        Assert.Equal("district.alarmReconnectDelay", problem.Path);
        Assert.Equal(SiteYaml.LineOf(yaml, "alarmReconnectDelay: " + value), problem.Line);
        Assert.Contains("10s", problem.Message, StringComparison.Ordinal);
    }
}
