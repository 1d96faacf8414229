using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Gateway.Configuration.Model.Devices;
using SmartCampus.Edge.Gateway.Configuration.Model.Rules;

namespace SmartCampus.Edge.Gateway.Tests.Configuration;

public class PartialConfigurationTests
{
    private const string ChosenFrom = "  dataDirectory: ./data";
    private const string ChosenTo = "  dataDirectory: ./data\n  startWithoutBrokenDevices: true";

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

        Assert.Equal(
            "Only devices are affected: air. Fix them, or delete (or comment out) their entries. To start without them until then, "
            + "set gateway.startWithoutBrokenDevices: true in campus.yaml, or run once with --without-broken-devices. "
            + "Rules that watch their points are left out with them; delete these too when you delete the devices: co2-high.",
            english);
        Assert.Equal(
            "问题只涉及设备：air。请修正这些设备，或删除（或注释掉）它们的条目。如需在此之前跳过它们启动，请在 campus.yaml 中设置 "
            + "gateway.startWithoutBrokenDevices: true，或以 --without-broken-devices 运行一次。监视这些设备点位的规则会随之跳过；删除设备时也请删除这些规则：co2-high。",
            chinese);
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

        Assert.EndsWith("These rules lose their actions on those devices; remove those actions when you delete the devices: fire.", english, StringComparison.Ordinal);
        Assert.StartsWith("Only devices are affected: board-1. ", english, StringComparison.Ordinal);
        Assert.DoesNotContain("delete the rules", english, StringComparison.Ordinal);
        Assert.EndsWith("以下规则会失去针对这些设备的动作；删除设备时也请删除这些动作：fire。", chinese, StringComparison.Ordinal);
        Assert.StartsWith("问题只涉及设备：board-1。", chinese, StringComparison.Ordinal);
    }

    [Fact]
    public void KeySet_ReportNamesTheChoice()
    {
        var yaml = SiteYaml.Replace(SiteYaml.With("address: 0", "address: 70000"), ChosenFrom, ChosenTo);

        var english = ConfigurationReport.FormatLines(SiteYaml.Load(yaml, SiteYaml.English))[^2];
        var chinese = ConfigurationReport.FormatLines(SiteYaml.Load(yaml, SiteYaml.Chinese))[^2];

        Assert.StartsWith("Only devices are affected: air. gateway.startWithoutBrokenDevices is true, so the gateway starts without them. ", english, StringComparison.Ordinal);
        Assert.StartsWith("问题只涉及设备：air。gateway.startWithoutBrokenDevices 为 true，网关将跳过它们启动。", chinese, StringComparison.Ordinal);
    }

    [Fact]
    public void BrokenDevice_StartRefusedWithoutTheChoice()
    {
        var result = SiteYaml.Load(SiteYaml.With("address: 0", "address: 70000"));

        Assert.Null(StartConfiguration.Choose(result, withoutBrokenDevices: false));
    }

    [Fact]
    public void BrokenDevice_FlagStartsWithoutIt()
    {
        var result = SiteYaml.Load(SiteYaml.With("address: 0", "address: 70000"));

        var start = Assert.IsType<StartConfiguration>(StartConfiguration.Choose(result, withoutBrokenDevices: true));

        Assert.Equal(["panel", "board-1"], start.Site.Devices.Select(device => device.Id));
        Assert.Equal(["air"], Assert.IsType<PartialSiteConfiguration>(start.LeftOut).ExcludedDeviceIds);
    }

    [Fact]
    public void BrokenDevice_KeyStartsWithoutIt()
    {
        var result = SiteYaml.Load(SiteYaml.Replace(SiteYaml.With("address: 0", "address: 70000"), ChosenFrom, ChosenTo));

        var start = Assert.IsType<StartConfiguration>(StartConfiguration.Choose(result, withoutBrokenDevices: false));

        Assert.Equal(["fire"], start.Site.Rules.Select(rule => rule.Id));
        Assert.True(start.Site.Gateway.StartWithoutBrokenDevices);
    }

    [Fact]
    public void ProblemOutsideDevices_FlagStillRefuses()
    {
        var yaml = SiteYaml.Replace(SiteYaml.With("address: 0", "address: 70000"), "severity: warning", "severity: loud");
        yaml = SiteYaml.Replace(yaml, ChosenFrom, ChosenTo);

        Assert.Null(StartConfiguration.Choose(SiteYaml.Load(yaml), withoutBrokenDevices: true));
    }

    [Fact]
    public void ValidFile_StartsWholeWithNothingLeftOut()
    {
        var start = Assert.IsType<StartConfiguration>(StartConfiguration.Choose(SiteYaml.Load(SiteYaml.Valid), withoutBrokenDevices: true));

        Assert.Null(start.LeftOut);
        Assert.False(start.Site.Gateway.StartWithoutBrokenDevices);
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
