using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Gateway.Configuration.Model;
using SmartCampus.Edge.Gateway.Configuration.Model.Devices;
using SmartCampus.Edge.Gateway.Configuration.Model.Rules;
using SmartCampus.Edge.Gateway.Tests.Configuration;
using SmartCampus.Edge.Gateway.WebConsole.Devices;

namespace SmartCampus.Edge.Gateway.Tests.WebConsole;

/// <summary>The words for a boolean point's values on the devices page, from what the demo campus declares each point to be.</summary>
public sealed class BooleanTextsTests
{
    private static readonly SiteConfiguration Demo = LoadDemo();

    [Theory]
    [InlineData("zh-CN", "board-201.online", true, "在线")]
    [InlineData("zh-CN", "board-201.online", false, "离线")]
    [InlineData("zh-CN", "fire-panel.smoke", true, "报警")]
    [InlineData("zh-CN", "fire-panel.smoke", false, "正常")]
    [InlineData("zh-CN", "fire-panel.siren", true, "开")]
    [InlineData("zh-CN", "fire-panel.siren", false, "关")]
    [InlineData("en", "board-201.online", false, "Offline")]
    [InlineData("en", "fire-panel.smoke", true, "Alarm")]
    [InlineData("en", "fire-panel.smoke", false, "Normal")]
    [InlineData("en", "fire-panel.siren", true, "On")]
    public void DemoPoint_WordsInLanguage(string culture, string point, bool value, string expected)
    {
        using var language = new UiCulture(culture);

        var text = PointFormat.Value(Sample(point, value), BooleanTexts.From(Demo));

        Assert.Equal(expected, text);
    }

    [Fact]
    public void InputRuleFalse_FalseIsAlarm()
    {
        var site = Demo with
        {
            Rules = [.. Demo.Rules.Select(rule => rule is InputRuleConfiguration input ? input with { TriggerValue = false } : rule)],
        };
        using var language = new UiCulture("zh-CN");

        Assert.Equal("报警", PointFormat.Value(Sample("fire-panel.smoke", false), BooleanTexts.From(site)));
        Assert.Equal("正常", PointFormat.Value(Sample("fire-panel.smoke", true), BooleanTexts.From(site)));
    }

    [Fact]
    public void UnwatchedGpioInput_ActiveNotOn()
    {
        var site = Demo with { Rules = [] };
        using var language = new UiCulture("zh-CN");

        Assert.Equal("有效", PointFormat.Value(Sample("fire-panel.smoke", true), BooleanTexts.From(site)));
        Assert.Equal("无效", PointFormat.Value(Sample("fire-panel.smoke", false), BooleanTexts.From(site)));
    }

    [Fact]
    public void UnknownPoint_OnOff()
    {
        using var language = new UiCulture("zh-CN");

        Assert.Equal("开", PointFormat.Value(Sample("other.flag", true), BooleanTexts.From(Demo)));
        Assert.Equal("关", PointFormat.Value(Sample("other.flag", false)));
    }

    [Theory]
    [InlineData("bldgA-2F-201-air.door", true, "Active")]
    [InlineData("bldgA-2F-201-air.door", false, "Inactive")]
    [InlineData("bldgA-2F-201-air.fault", true, "Active")]
    [InlineData("bldgA-2F-201-air.relay", true, "On")]
    [InlineData("bldgA-2F-201-air.relay", false, "Off")]
    public void ModbusBooleanPoint_WordsByTable(string point, bool value, string expected)
    {
        // A discrete input and an input register bit are read only, so they read active. A coil is switched, so it reads on/off.
        var modbus = Demo.Devices.OfType<ModbusTcpDeviceConfiguration>().Single();
        var booleans = new ModbusPointConfiguration[]
        {
            ModbusPoint("door", ModbusFunction.DiscreteInput, bit: null),
            ModbusPoint("fault", ModbusFunction.Input, bit: 3),
            ModbusPoint("relay", ModbusFunction.Coil, bit: null),
        };
        var site = Demo with { Devices = [.. Demo.Devices.Select(device => device == modbus ? modbus with { Points = [.. modbus.Points, .. booleans] } : device)] };
        using var language = new UiCulture("en");

        var text = PointFormat.Value(Sample(point, value), BooleanTexts.From(site));

        Assert.Equal(expected, text);
    }

    private static ModbusPointConfiguration ModbusPoint(string id, ModbusFunction function, int? bit) => new()
    {
        Id = id,
        Function = function,
        Address = 10,
        DataType = ModbusDataType.UInt16,
        WordOrder = ModbusWordOrder.Abcd,
        Scale = 1,
        Offset = 0,
        Bit = bit,
    };

    private static Sample Sample(string point, bool value) =>
        new(PointId.Parse(point), PointValue.FromBoolean(value), Quality.Good, DateTimeOffset.FromUnixTimeSeconds(1_800_000_000), new MonotonicStamp("format", TimeSpan.Zero));

    private static SiteConfiguration LoadDemo()
    {
        var result = SiteConfigurationLoader.Load(RepositoryRoot.DemoConfiguration, SiteYaml.English);
        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        return result.Configuration!;
    }
}
