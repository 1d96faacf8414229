using SmartCampus.Edge.Gateway.Composition;
using SmartCampus.Edge.Gateway.Configuration;

namespace SmartCampus.Edge.Gateway.Tests.Configuration;

/// <summary>The district section's MQTT 5 Session Expiry Interval.</summary>
public sealed class DistrictSessionExpiryTests
{
    private static string WithExpiry(string value) =>
        SiteYaml.With("district:\n  host: 127.0.0.1\n", $"district:\n  host: 127.0.0.1\n  sessionExpiry: {value}\n");

    [Fact]
    public void SessionExpiry_ReadAndPassedToUplink()
    {
        var result = SiteYaml.Load(WithExpiry("6h"));

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        Assert.Equal(TimeSpan.FromHours(6), UplinkOptionsFactory.Create(result.Configuration!).SessionExpiry);
    }

    [Fact]
    public void SessionExpiry_DefaultOneDay()
    {
        var result = SiteYaml.Load(SiteYaml.Valid);

        Assert.Equal(TimeSpan.FromDays(1), UplinkOptionsFactory.Create(result.Configuration!).SessionExpiry);
    }

    [Theory]
    [InlineData("30s")]
    [InlineData("169h")]
    public void SessionExpiry_OutsideMinuteToWeek_OutOfRange(string value)
    {
        var problem = SiteYaml.Single(SiteYaml.Load(WithExpiry(value)));

        Assert.Equal(ConfigurationProblemKind.OutOfRange, problem.Kind);
        Assert.Equal("district.sessionExpiry", problem.Path);
    }
}
