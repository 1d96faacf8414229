using SmartCampus.Edge.Gateway.Composition;
using SmartCampus.Edge.Gateway.Configuration;

namespace SmartCampus.Edge.Gateway.Tests.Configuration;

/// <summary>The district section's <c>alarmConnection</c>, the second connection that carries only alarms.</summary>
public sealed class DistrictAlarmConnectionKeyTests
{
    private static string WithLines(string lines) => SiteYaml.With("district:\n  host: 127.0.0.1\n", "district:\n  host: 127.0.0.1\n" + lines);

    [Fact]
    public void AlarmConnection_OnByDefault()
    {
        var result = SiteYaml.Load(SiteYaml.Valid);

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        Assert.True(UplinkOptionsFactory.Create(result.Configuration!).AlarmConnection);
    }

    [Fact]
    public void AlarmConnection_FalsePassedToUplink()
    {
        var result = SiteYaml.Load(WithLines("  alarmConnection: false\n"));

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        Assert.False(UplinkOptionsFactory.Create(result.Configuration!).AlarmConnection);
    }

    [Fact]
    public void AlarmConnection_NotBoolean_Invalid()
    {
        var problem = SiteYaml.Single(SiteYaml.Load(WithLines("  alarmConnection: sometimes\n")));

        Assert.Equal("district.alarmConnection", problem.Path);
    }
}
