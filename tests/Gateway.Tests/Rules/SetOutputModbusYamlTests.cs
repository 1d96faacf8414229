using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Gateway.Configuration.Model.Rules;
using SmartCampus.Edge.Gateway.Tests.Configuration;

namespace SmartCampus.Edge.Gateway.Tests.Rules;

/// <summary>setOutput accepts GPIO outputs, Modbus coils and holding registers, and nothing that only reads.</summary>
public class SetOutputModbusYamlTests
{
    private const string Points = "      - id: co2\n        function: holding\n        address: 0\n        type: uint16\n";

    [Theory]
    [InlineData("function: coil\n        address: 5")]
    [InlineData("function: holding\n        address: 5\n        type: uint16")]
    public void SetOutput_ModbusOutputLoads(string fan)
    {
        var yaml = WithFan(fan);

        var result = SiteYaml.Load(yaml);

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        var action = Assert.IsType<SetOutputActionConfiguration>(result.Configuration!.Rules[1].Actions[0]);
        Assert.Equal("air.fan", action.Point.ToString());
        Assert.Equal(PointValue.FromBoolean(true), action.SafeValue);
    }

    [Theory]
    [InlineData("function: input\n        address: 5\n        type: uint16", "en", "is not an output point")]
    [InlineData("function: discrete\n        address: 5", "zh-CN", "不是输出点位")]
    public void SetOutput_ReadOnlyModbusPointRejected(string fan, string culture, string fragment)
    {
        var yaml = WithFan(fan);

        var problem = SiteYaml.Single(SiteYaml.Load(yaml, System.Globalization.CultureInfo.GetCultureInfo(culture)));

        Assert.Equal(ConfigurationProblemKind.WrongReference, problem.Kind);
        Assert.Equal("rules[1].actions[0].setOutput", problem.Path);
        Assert.Equal(SiteYaml.LineOf(yaml, "setOutput: air.fan"), problem.Line);
        Assert.Contains(fragment, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SetOutput_HoldingNumberLoads()
    {
        var yaml = WithFan("function: holding\n        address: 5\n        type: uint16", "value: 80\n        safeValue: 20");

        var result = SiteYaml.Load(yaml);

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        var action = Assert.IsType<SetOutputActionConfiguration>(result.Configuration!.Rules[1].Actions[0]);
        Assert.Equal(PointValue.FromNumber(80), action.Value);
        Assert.Equal(PointValue.FromNumber(20), action.SafeValue);
    }

    [Theory]
    [InlineData("type: uint16", "70000", "en", "from 0 to 65535")]
    [InlineData("type: uint16", "-1", "en", "uint16")]
    [InlineData("type: int16\n        scale: 0.1", "4000", "zh-CN", "-3276.8 到 3276.7")]
    [InlineData("type: float32", "1e39", "en", "float32")]
    public void SetOutput_NumberOutOfRange(string type, string value, string culture, string fragment)
    {
        var yaml = WithFan("function: holding\n        address: 5\n        " + type, $"value: {value}\n        safeValue: 0");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml, System.Globalization.CultureInfo.GetCultureInfo(culture)));

        Assert.Equal(ConfigurationProblemKind.OutOfRange, problem.Kind);
        Assert.Equal("rules[1].actions[0].value", problem.Path);
        Assert.Equal(SiteYaml.LineOf(yaml, $"value: {value}"), problem.Line);
        Assert.Equal(SiteYaml.ColumnOf(yaml, $"value: {value}") + "value: ".Length, problem.Column);
        Assert.Contains("air.fan", problem.Message, StringComparison.Ordinal);
        Assert.Contains(fragment, problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "safeValue: 0")]
    [InlineData("zh-CN", "缺少 `safeValue`")]
    public void SetOutput_NumberNeedsSafeValue(string culture, string fragment)
    {
        var yaml = WithFan("function: holding\n        address: 5\n        type: uint16", "value: 80");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml, System.Globalization.CultureInfo.GetCultureInfo(culture)));

        Assert.Equal(ConfigurationProblemKind.MissingKey, problem.Kind);
        Assert.Equal("rules[1].actions[0].safeValue", problem.Path);
        Assert.Equal(SiteYaml.LineOf(yaml, "value: 80"), problem.Line);
        Assert.Contains(fragment, problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("function: holding\n        address: 5\n        type: uint16", "value: fast\n        safeValue: 0")]
    [InlineData("function: coil\n        address: 5", "value: 80")]
    [InlineData("function: holding\n        address: 5\n        bit: 3", "value: 80")]
    public void SetOutput_NumberWhereNotTaken(string fan, string value)
    {
        var yaml = WithFan(fan, value);

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.WrongType, problem.Kind);
        Assert.Equal("rules[1].actions[0].value", problem.Path);
    }

    private static string WithFan(string fan, string value = "value: true\n        safeValue: true")
    {
        var yaml = SiteYaml.With(Points, Points + "      - id: fan\n        " + fan + "\n");
        return SiteYaml.Replace(yaml, "      - setOutput: panel.siren\n        value: true\n", "      - setOutput: air.fan\n        " + value + "\n");
    }
}
