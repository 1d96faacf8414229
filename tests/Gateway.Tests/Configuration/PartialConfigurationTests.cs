using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Gateway.Configuration.Model.Devices;
using SmartCampus.Edge.Gateway.Configuration.Model.Rules;

namespace SmartCampus.Edge.Gateway.Tests.Configuration;

public class PartialConfigurationTests
{
    [Fact]
    public void BrokenDevice_LeftOutWithItsRules()
    {
        var yaml = SiteYaml.With("address: 0", "address: 70000");

        var result = SiteYaml.Load(yaml);

        Assert.Null(result.Configuration);
        var partial = Assert.IsType<PartialSiteConfiguration>(result.Partial);
        Assert.Equal(["air"], partial.ExcludedDeviceIds);
        Assert.Equal(["co2-high"], partial.ExcludedRuleIds);
        Assert.Empty(partial.ReducedRuleIds);
        Assert.Equal(["panel", "board-1"], partial.Configuration.Devices.Select(device => device.Id));
        Assert.Equal(["fire"], partial.Configuration.Rules.Select(rule => rule.Id));
    }

    [Fact]
    public void BrokenBoard_RuleKeepsOtherActions()
    {
        var yaml = SiteYaml.With("password: test-board-secret", "password: test-board-secret\n    heartbeatTimeout: 1s");

        var result = SiteYaml.Load(yaml);

        var partial = Assert.IsType<PartialSiteConfiguration>(result.Partial);
        Assert.Equal(["board-1"], partial.ExcludedDeviceIds);
        Assert.Empty(partial.ExcludedRuleIds);
        Assert.Equal(["fire"], partial.ReducedRuleIds);
        var fire = partial.Configuration.Rules.Single(rule => rule.Id == "fire");
        Assert.IsType<SetOutputActionConfiguration>(Assert.Single(fire.Actions));
        Assert.DoesNotContain(partial.Configuration.Devices, device => device is ClassBoardConfiguration);
    }

    [Fact]
    public void ProblemOutsideDevices_NoPartial()
    {
        var yaml = SiteYaml.With("address: 0", "address: 70000");
        yaml = SiteYaml.Replace(yaml, "severity: warning", "severity: loud");

        var result = SiteYaml.Load(yaml);

        Assert.Null(result.Partial);
    }

    [Fact]
    public void DeviceWithoutReadableId_NoPartial()
    {
        var yaml = SiteYaml.With("- id: board-1", "- id: board.1");
        yaml = SiteYaml.Replace(yaml, "notice: board-1", "notice: all");

        var result = SiteYaml.Load(yaml);

        Assert.Null(result.Partial);
    }
}
