using System.Globalization;
using System.Text;
using SmartCampus.Edge.Drivers.Modbus.Planning;
using SmartCampus.Edge.Gateway.Composition;
using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Gateway.Configuration.Model.Devices;

namespace SmartCampus.Edge.Gateway.Tests.Configuration;

/// <summary>Request sizes of Modbus devices: `maxRegistersPerRequest`, `maxBitsPerRequest` and `maxGap`, from the site to the driver's plan.</summary>
public sealed class ModbusRequestLimitsKeysTests : IDisposable
{
    private const string TcpHost = "    host: 127.0.0.1\n";

    private readonly string _directory = Directory.CreateTempSubdirectory("smartcampus-limits-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void MaxRegisters50_SplitsSixtyRegistersInTwo()
    {
        var result = Load(SixtyRegisters("    maxRegistersPerRequest: 50\n"));

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        Assert.Equal(2, RequestCount(result));
    }

    [Fact]
    public void Default_ReadsSixtyRegistersInOne()
    {
        var result = Load(SixtyRegisters(string.Empty));

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        Assert.Equal(1, RequestCount(result));
        Assert.Equal(ModbusRequestLimits.None, Tcp(result).RequestLimits);
    }

    [Theory]
    [InlineData("", 2)]
    [InlineData("    maxGap: 1\n", 2)]
    [InlineData("    maxGap: 2\n", 1)]
    public void MaxGap_BridgesGap(string keys, int expectedRequests)
    {
        // Registers 1 and 2 lie between the points, so a gap of 2 is bridged and a gap of 1 is not.
        var yaml = SiteYaml.With(TcpHost, TcpHost + keys);
        var result = Load(SiteYaml.Replace(yaml, "        type: uint16\n", "        type: uint16\n      - id: temperature\n        function: holding\n        address: 3\n        type: int16\n"));

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        Assert.Equal(expectedRequests, RequestCount(result));
    }

    [Fact]
    public void RtuMaxBits_SplitsCoils()
    {
        var coils = new StringBuilder();
        for (var i = 0; i < 10; i++)
        {
            coils.Append(CultureInfo.InvariantCulture, $"      - id: lamp{i}\n        function: coil\n        address: {i}\n");
        }

        var yaml = SiteYaml.With("rules:\n", "  - id: lamps\n    kind: modbus-rtu\n    serialPort: /dev/ttyUSB0\n    unitId: 3\n    maxBitsPerRequest: 4\n    points:\n" + coils + "rules:\n");

        var result = Load(yaml);

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        var device = Assert.IsType<ModbusRtuDeviceConfiguration>(result.Configuration!.Devices.Single(d => d.Id == "lamps"));
        var options = DeviceFactory.ToOptions(device);
        Assert.Equal(4, options.MaxBitsPerRequest);
        Assert.Equal(3, ModbusReadPlanner.Plan(options.Points, options.MaxRegistersPerRequest, options.MaxGap, options.MaxBitsPerRequest).Count);
    }

    [Theory]
    [InlineData("maxRegistersPerRequest: 0", "devices[0].maxRegistersPerRequest")]
    [InlineData("maxRegistersPerRequest: 126", "devices[0].maxRegistersPerRequest")]
    [InlineData("maxBitsPerRequest: 2001", "devices[0].maxBitsPerRequest")]
    [InlineData("maxGap: -1", "devices[0].maxGap")]
    [InlineData("maxGap: 126", "devices[0].maxGap")]
    public void OutOfRange(string line, string path)
    {
        var result = Load(SiteYaml.With(TcpHost, $"{TcpHost}    {line}\n"));

        var problem = SiteYaml.Single(result);
        Assert.Equal(ConfigurationProblemKind.OutOfRange, problem.Kind);
        Assert.Equal(path, problem.Path);
    }

    [Fact]
    public void PointLongerThanMax_Problem()
    {
        var result = Load(SiteYaml.With(TcpHost, TcpHost + "    maxRegistersPerRequest: 3\n").Replace("type: uint16", "type: uint64", StringComparison.Ordinal));

        var problem = SiteYaml.Single(result);
        Assert.Equal(ConfigurationProblemKind.InvalidCombination, problem.Kind);
        Assert.Equal("devices[0].maxRegistersPerRequest", problem.Path);
        Assert.Contains("air.co2 takes 4 registers, more than the 3 of `maxRegistersPerRequest`", problem.Message, StringComparison.Ordinal);
        Assert.Contains("maxRegistersPerRequest: 4", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PointLongerThanMax_InChinese()
    {
        var yaml = SiteYaml.With(TcpHost, TcpHost + "    maxRegistersPerRequest: 3\n").Replace("type: uint16", "type: uint64", StringComparison.Ordinal);

        var problem = SiteYaml.Single(SiteConfigurationLoader.LoadFromText(yaml, "campus.yaml", _directory, SiteYaml.Chinese));

        Assert.Contains("点位 air.co2 占 4 个寄存器", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Profile_SetsLimitsAndDeviceOverrides()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_directory, "profiles")).FullName;
        File.WriteAllText(Path.Combine(folder, "meter-50.yaml"), """
            description: Meter that accepts 50 registers per read
            maxRegistersPerRequest: 50
            maxGap: 4
            points:
              - id: energy
                function: holding
                address: 10
                type: uint32

            """);

        var result = Load(SiteYaml.With(TcpHost, TcpHost + "    profile: meter-50\n    maxGap: 1\n"));

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        Assert.Equal(new ModbusRequestLimits { MaxRegistersPerRequest = 50, MaxGap = 1 }, Tcp(result).RequestLimits);
    }

    [Fact]
    public void ProfileLimit_ReportedAtProfileKey()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_directory, "profiles")).FullName;
        File.WriteAllText(Path.Combine(folder, "tiny.yaml"), "maxRegistersPerRequest: 1\npoints:\n  - id: state\n    function: holding\n    address: 0\n    type: uint16\n");

        var result = Load(SiteYaml.With(TcpHost, TcpHost + "    profile: tiny\n").Replace("type: uint16", "type: float32", StringComparison.Ordinal));

        var problem = SiteYaml.Single(result);
        Assert.Equal("devices[0].profile", problem.Path);
        Assert.Contains("air.co2 takes 2 registers", problem.Message, StringComparison.Ordinal);
    }

    /// <summary>The test site with device air reading registers 0 to 59, one uint16 point each.</summary>
    private static string SixtyRegisters(string keys)
    {
        var points = new StringBuilder("    points:\n");
        for (var i = 0; i < 60; i++)
        {
            points.Append(CultureInfo.InvariantCulture, $"      - id: r{i}\n        function: holding\n        address: {i}\n        type: uint16\n");
        }

        var yaml = SiteYaml.With(TcpHost, TcpHost + keys);
        return SiteYaml.Replace(yaml, "    points:\n      - id: co2\n        function: holding\n        address: 0\n        type: uint16\n", points.ToString())
            .Replace("point: air.co2", "point: air.r0", StringComparison.Ordinal);
    }

    private static ModbusTcpDeviceConfiguration Tcp(SiteConfigurationLoadResult result) =>
        Assert.IsType<ModbusTcpDeviceConfiguration>(result.Configuration!.Devices[0]);

    /// <summary>Requests one poll of device air sends, as the driver plans them from the options the gateway builds.</summary>
    private static int RequestCount(SiteConfigurationLoadResult result)
    {
        var options = DeviceFactory.ToOptions(Tcp(result));
        Assert.Empty(options.Validate());
        return ModbusReadPlanner.Plan(options.Points, options.MaxRegistersPerRequest, options.MaxGap, options.MaxBitsPerRequest).Count;
    }

    private SiteConfigurationLoadResult Load(string yaml) =>
        SiteConfigurationLoader.LoadFromText(yaml, "campus.yaml", _directory, SiteYaml.English);
}
