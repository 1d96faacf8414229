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
        Assert.True(action.SafeValue);
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

    private static string WithFan(string fan)
    {
        var yaml = SiteYaml.With(Points, Points + "      - id: fan\n        " + fan + "\n");
        return SiteYaml.Replace(yaml, "      - setOutput: panel.siren\n        value: true\n", "      - setOutput: air.fan\n        value: true\n        safeValue: true\n");
    }
}
