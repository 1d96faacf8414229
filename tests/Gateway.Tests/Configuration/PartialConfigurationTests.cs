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
    public void BrokenDevice_ReportNamesRealRemedy()
    {
        var yaml = SiteYaml.With("address: 0", "address: 70000");

        var english = ConfigurationReport.FormatLines(SiteYaml.Load(yaml, SiteYaml.English))[^2];
        var chinese = ConfigurationReport.FormatLines(SiteYaml.Load(yaml, SiteYaml.Chinese))[^2];

        Assert.Equal("Only devices are affected, but the gateway has no option to start without them. Fix these devices, or delete (or comment out) their entries: air. Then delete the rules that watch their points too: co2-high.", english);
        Assert.Equal("问题只涉及设备，但网关没有跳过设备启动的选项。请修正这些设备，或删除（或注释掉）它们的条目：air。随后还需删除监视这些设备点位的规则：co2-high。", chinese);
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
    public void BrokenBoard_ReportNamesOnlyReducedRules()
    {
        var yaml = SiteYaml.With("password: test-board-secret", "password: test-board-secret\n    heartbeatTimeout: 1s");

        var english = ConfigurationReport.FormatLines(SiteYaml.Load(yaml, SiteYaml.English))[^2];
        var chinese = ConfigurationReport.FormatLines(SiteYaml.Load(yaml, SiteYaml.Chinese))[^2];

        Assert.Equal("Only devices are affected, but the gateway has no option to start without them. Fix these devices, or delete (or comment out) their entries: board-1. Also remove the actions on these devices from these rules: fire.", english);
        Assert.Equal("问题只涉及设备，但网关没有跳过设备启动的选项。请修正这些设备，或删除（或注释掉）它们的条目：board-1。还需从以下规则中删除针对这些设备的动作：fire。", chinese);
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
