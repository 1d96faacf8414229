using System.Globalization;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.Composition;
using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Gateway.Configuration.Model.Devices;
using SmartCampus.Edge.Gateway.Tests.Configuration;
using SmartCampus.Edge.Rules.Actions;

namespace SmartCampus.Edge.Gateway.Tests.Rules;

/// <summary>
/// escapeLock on a GPIO output or Modbus coil: its safeState must be false (unlocked), no setOutput may leave it locked
/// when the rule engine stops, and a fire rule that holds it leaves it unlocked on engine stop.
/// </summary>
public class EscapeLockYamlTests
{
    private const string Siren = "      - id: siren\n        direction: output\n        pin: 27\n        safeState: false\n";

    private const string Coils = "      - id: co2\n        function: holding\n        address: 0\n        type: uint16\n";

    [Fact]
    public void EscapeLock_GpioUnlockedLoads()
    {
        var yaml = WithGpioLock("safeState: false");

        var result = SiteYaml.Load(yaml);

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        var panel = Assert.IsType<GpioDeviceConfiguration>(result.Configuration!.Devices.Single(device => device.Id == "panel"));
        Assert.True(panel.Points.Single(point => point.Id == "door").EscapeLock);
        Assert.False(panel.Points.Single(point => point.Id == "siren").EscapeLock);
    }

    [Theory]
    [InlineData("en", "must be `false`, the unlocked level")]
    [InlineData("zh-CN", "必须为 `false`，即解除锁定电平")]
    public void EscapeLock_GpioLockedSafeStateRejected(string culture, string fragment)
    {
        var yaml = WithGpioLock("safeState: true");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml, CultureInfo.GetCultureInfo(culture)));

        Assert.Equal(ConfigurationProblemKind.InvalidValue, problem.Kind);
        Assert.Equal("devices[1].points[2].safeState", problem.Path);
        Assert.Equal(SiteYaml.LineOf(yaml, "safeState: true"), problem.Line);
        Assert.Equal(SiteYaml.ColumnOf(yaml, "safeState: true") + "safeState: ".Length, problem.Column);
        Assert.Contains("panel.door", problem.Message, StringComparison.Ordinal);
        Assert.Contains(fragment, problem.Message, StringComparison.Ordinal);
        Assert.Contains("safeState: false", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EscapeLock_OnInputRejected()
    {
        var yaml = SiteYaml.With("        pin: 17\n", "        pin: 17\n        escapeLock: true\n");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.InvalidCombination, problem.Kind);
        Assert.Equal("devices[1].points[0].escapeLock", problem.Path);
        Assert.Contains("direction: output", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", ConfigurationProblemKind.MissingKey, "devices[0].points[1].safeState")]
    [InlineData("        safeState: true\n", ConfigurationProblemKind.InvalidValue, "devices[0].points[1].safeState")]
    public void EscapeLock_CoilNeedsUnlockedSafeState(string safeState, ConfigurationProblemKind kind, string path)
    {
        var yaml = WithCoilLock(safeState);

        var problem = SiteYaml.Single(SiteYaml.Load(yaml, CultureInfo.GetCultureInfo("zh-CN")));

        Assert.Equal(kind, problem.Kind);
        Assert.Equal(path, problem.Path);
        Assert.Contains("air.door", problem.Message, StringComparison.Ordinal);
        Assert.Contains("疏散门锁", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EscapeLock_OnHoldingRegisterRejected()
    {
        var yaml = SiteYaml.With(Coils, Coils + "      - id: door\n        function: holding\n        address: 4\n        type: uint16\n        escapeLock: true\n");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.InvalidCombination, problem.Kind);
        Assert.Equal("devices[0].points[1].escapeLock", problem.Path);
    }

    [Fact]
    public void SafeState_OnHoldingRegisterRejected()
    {
        var yaml = SiteYaml.With(Coils, Coils.Replace("type: uint16\n", "type: uint16\n        safeState: false\n", StringComparison.Ordinal));

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.InvalidCombination, problem.Kind);
        Assert.Equal("devices[0].points[0].safeState", problem.Path);
    }

    [Theory]
    [InlineData("en", "must not leave it locked")]
    [InlineData("zh-CN", "不能在规则引擎停止时让它保持锁定")]
    public void EscapeLock_LockedSafeValueRejected(string culture, string fragment)
    {
        var yaml = SiteYaml.Replace(
            WithGpioLock("safeState: false"),
            "      - setOutput: panel.siren\n        value: true\n",
            "      - setOutput: panel.door\n        value: true\n        safeValue: true\n");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml, CultureInfo.GetCultureInfo(culture)));

        Assert.Equal(ConfigurationProblemKind.InvalidValue, problem.Kind);
        Assert.Equal("rules[1].actions[0].safeValue", problem.Path);
        Assert.Equal(SiteYaml.LineOf(yaml, "safeValue: true"), problem.Line);
        Assert.Contains(fragment, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EscapeLock_EngineStopLeavesUnlocked()
    {
        // A life-safety rule holds the door locked (a lockdown); by default it would keep that value on engine stop.
        var yaml = SiteYaml.Replace(
            WithGpioLock("safeState: false"),
            "    severity: critical\n",
            "    severity: critical\n    lifeSafety: true\n");
        yaml = SiteYaml.Replace(yaml, "      - setOutput: panel.siren\n        value: true\n", "      - setOutput: panel.siren\n        value: true\n      - setOutput: panel.door\n        value: true\n      - setOutput: air.vent\n        value: true\n");
        yaml = SiteYaml.Replace(yaml, Coils, Coils + "      - id: vent\n        function: coil\n        address: 2\n        safeState: true\n");
        var result = SiteYaml.Load(yaml);
        Assert.True(result.IsValid, ConfigurationReport.Format(result));

        var fire = RuleDefinitionFactory.Create(result.Configuration!).Single(rule => rule.Id == "fire");
        var outputs = fire.Actions.OfType<SetOutputAction>().ToDictionary(action => action.Output.ToString());

        Assert.Null(outputs["panel.siren"].SafeValue);
        Assert.Equal(PointValue.FromBoolean(false), outputs["panel.door"].SafeValue);
        Assert.Equal(PointValue.FromBoolean(true), outputs["air.vent"].SafeValue);
    }

    private static string WithGpioLock(string safeState) =>
        SiteYaml.With(Siren, Siren + $"      - id: door\n        direction: output\n        pin: 22\n        {safeState}\n        escapeLock: true\n");

    private static string WithCoilLock(string safeState) =>
        SiteYaml.With(Coils, Coils + "      - id: door\n        function: coil\n        address: 3\n        escapeLock: true\n" + safeState);
}
