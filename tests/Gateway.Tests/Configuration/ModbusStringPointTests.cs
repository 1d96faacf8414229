using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Gateway.Configuration.Model.Devices;

namespace SmartCampus.Edge.Gateway.Tests.Configuration;

/// <summary>String points of Modbus devices: `type: string` with `length` in registers.</summary>
public class ModbusStringPointTests
{
    private const string Co2Point = "      - id: co2\n        function: holding\n        address: 0\n        type: uint16\n";

    [Fact]
    public void StringPoint_Read()
    {
        var result = SiteYaml.Load(WithPoint("function: holding", "address: 100", "type: string", "length: 8", "order: BADC"));

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        var device = Assert.IsType<ModbusTcpDeviceConfiguration>(result.Configuration!.Devices[0]);
        var point = device.Points.Single(candidate => candidate.Id == "model");
        Assert.Equal(ModbusDataType.String, point.DataType);
        Assert.Equal(8, point.Length);
        Assert.Equal(ModbusWordOrder.Badc, point.WordOrder);
        Assert.Equal(0, device.Points.Single(candidate => candidate.Id == "co2").Length);
    }

    [Fact]
    public void StringPoint_LengthMissing()
    {
        var result = SiteYaml.Load(WithPoint("function: holding", "address: 100", "type: string"));

        var problem = SiteYaml.Single(result);
        Assert.Equal(ConfigurationProblemKind.MissingKey, problem.Kind);
        Assert.Equal("devices[0].points[1].length", problem.Path);
        Assert.Contains("two ASCII characters each", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StringPoint_LengthOutOfRange()
    {
        var result = SiteYaml.Load(WithPoint("function: holding", "address: 100", "type: string", "length: 126"));

        var problem = SiteYaml.Single(result);
        Assert.Equal(ConfigurationProblemKind.OutOfRange, problem.Kind);
        Assert.Equal("devices[0].points[1].length", problem.Path);
    }

    [Fact]
    public void StringPoint_PastLastAddress()
    {
        var result = SiteYaml.Load(WithPoint("function: holding", "address: 65530", "type: string", "length: 8"));

        var problem = SiteYaml.Single(result);
        Assert.Equal(ConfigurationProblemKind.OutOfRange, problem.Kind);
        Assert.Equal("devices[0].points[1].address", problem.Path);
        Assert.Contains("takes 8 registers", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("order: CDAB", "order")]
    [InlineData("writeOrder: DCBA", "writeOrder")]
    public void StringPoint_WordSwapRejected(string line, string key)
    {
        var result = SiteYaml.Load(WithPoint("function: holding", "address: 100", "type: string", "length: 4", line));

        var problem = SiteYaml.Single(result);
        Assert.Equal(ConfigurationProblemKind.InvalidCombination, problem.Kind);
        Assert.Equal($"devices[0].points[1].{key}", problem.Path);
        Assert.Contains("ABCD", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Length_OnNumberRejected()
    {
        var result = SiteYaml.Load(WithPoint("function: holding", "address: 100", "type: uint16", "length: 4"));

        var problem = SiteYaml.Single(result);
        Assert.Equal(ConfigurationProblemKind.InvalidCombination, problem.Kind);
        Assert.Equal("devices[0].points[1].length", problem.Path);
    }

    [Fact]
    public void Threshold_OnStringRejected()
    {
        var yaml = SiteYaml.Replace(
            WithPoint("function: holding", "address: 100", "type: string", "length: 4"),
            "point: air.co2",
            "point: air.model");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml, SiteYaml.Chinese));

        Assert.Equal(ConfigurationProblemKind.WrongReference, problem.Kind);
        Assert.Contains("字符串点位", problem.Message, StringComparison.Ordinal);
    }

    /// <summary>Returns the test site with a point `model` of <paramref name="keys"/> added after air.co2.</summary>
    private static string WithPoint(params string[] keys) =>
        SiteYaml.With(Co2Point, Co2Point + "      - id: model\n" + string.Concat(keys.Select(key => $"        {key}\n")));
}
