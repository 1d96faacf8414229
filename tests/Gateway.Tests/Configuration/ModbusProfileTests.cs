using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Gateway.Configuration.Model.Devices;

namespace SmartCampus.Edge.Gateway.Tests.Configuration;

/// <summary>Device profiles: `profile: NAME` fills in a Modbus device's points from NAME.yaml, explicit points override.</summary>
public sealed class ModbusProfileTests : IDisposable
{
    private const string AirPoints = "    points:\n      - id: co2\n        function: holding\n        address: 0\n        type: uint16\n";

    private const string AirPointsStart = "    points:\n      - id: co2\n";

    private readonly string _directory = Directory.CreateTempSubdirectory("smartcampus-profile-").FullName;

    public static TheoryData<string> ShippedProfiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "hardware", "profiles"), "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [MemberData(nameof(ShippedProfiles))]
    public void ShippedProfile_IsValid(string name)
    {
        var result = Load(WithProfile(name));

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        var device = Assert.IsType<ModbusTcpDeviceConfiguration>(result.Configuration!.Devices[0]);
        var profileIds = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "hardware", "profiles", name + ".yaml"))
            .Where(line => line.StartsWith("  - id: ", StringComparison.Ordinal))
            .Select(line => line["  - id: ".Length..].Trim())
            .ToList();
        Assert.Equal(profileIds.Union(["co2"]), device.Points.Select(point => point.Id));
    }

    [Fact]
    public void Profile_FillsPointsForRules()
    {
        var yaml = SiteYaml.With(AirPoints, "    profile: co2-485-sensor\n");

        var result = Load(yaml);

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        var device = Assert.IsType<ModbusTcpDeviceConfiguration>(result.Configuration!.Devices[0]);
        Assert.Equal(["co2", "temperature"], device.Points.Select(point => point.Id));
        Assert.Equal(20, device.Points[0].Deadband);
    }

    [Fact]
    public void ExplicitPoints_OverrideAndAdd()
    {
        var yaml = SiteYaml.With(AirPoints, """
                profile: th-485-sensor
                points:
                  - id: temperature
                    function: input
                    address: 1
                    type: int16
                    scale: 0.01
                  - id: co2
                    function: holding
                    address: 0
                    type: uint16

            """);

        var result = Load(yaml);

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        var device = Assert.IsType<ModbusTcpDeviceConfiguration>(result.Configuration!.Devices[0]);
        Assert.Equal(["temperature", "humidity", "co2"], device.Points.Select(point => point.Id));
        Assert.Equal(0.01, device.Points[0].Scale);
        Assert.Equal(0.1, device.Points[1].Scale);
    }

    [Fact]
    public void Profile_NotFound()
    {
        var result = Load(WithProfile("th-458-sensor"));

        var problem = SiteYaml.Single(result);
        Assert.Equal(ConfigurationProblemKind.FileNotFound, problem.Kind);
        Assert.Equal("devices[0].profile", problem.Path);
        Assert.Equal("air", problem.DeviceId);
        Assert.Contains("th-485-sensor", problem.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_directory, "profiles", "th-458-sensor.yaml"), problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Profile_InvalidName()
    {
        var result = Load(WithProfile("../secret"));

        var problem = SiteYaml.Single(result);
        Assert.Equal(ConfigurationProblemKind.InvalidId, problem.Kind);
        Assert.Equal("devices[0].profile", problem.Path);
    }

    [Fact]
    public void SiteProfile_ProblemsNameTheirLine()
    {
        WriteProfile("meter-x", "description: test\npoints:\n  - id: power\n    function: input\n    address: 70000\n    type: float32\n    colour: red\n");

        var result = Load(WithProfile("meter-x"), SiteYaml.English);

        Assert.False(result.IsValid);
        Assert.Equal(2, result.Problems.Count);
        Assert.All(result.Problems, problem => Assert.Equal("devices[0].profile", problem.Path));
        Assert.Equal(ConfigurationProblemKind.OutOfRange, result.Problems[0].Kind);
        Assert.Equal(5, result.Problems[0].Profile?.Line);
        Assert.Equal("points[0].address", result.Problems[0].Profile?.Path);
        Assert.Equal(ConfigurationProblemKind.UnknownKey, result.Problems[1].Kind);
        Assert.Equal(7, result.Problems[1].Profile?.Line);
        Assert.Equal(Path.Combine(_directory, "profiles", "meter-x.yaml"), result.Problems[1].Profile?.File);
    }

    [Fact]
    public void SiteProfile_YamlSyntaxError()
    {
        WriteProfile("broken", "points:\n  - id: power\n   function: input\n");

        var result = Load(WithProfile("broken"), SiteYaml.Chinese);

        var problem = SiteYaml.Single(result);
        Assert.Equal(ConfigurationProblemKind.SyntaxError, problem.Kind);
        Assert.Equal(3, problem.Profile?.Line);
        Assert.Contains("引用的设备模板 broken", ConfigurationReport.Format(result), StringComparison.Ordinal);
    }

    [Fact]
    public void SiteProfile_NoPoints()
    {
        WriteProfile("empty", "description: nothing yet\n");

        var result = Load(WithProfile("empty"));

        var problem = SiteYaml.Single(result);
        Assert.Equal(ConfigurationProblemKind.MissingKey, problem.Kind);
        Assert.Equal("points", problem.Profile?.Path);
    }

    [Fact]
    public void SiteProfile_ShadowsShipped()
    {
        WriteProfile("co2-485-sensor", "points:\n  - id: co2\n    function: input\n    address: 5\n    type: uint16\n");

        var result = Load(SiteYaml.With(AirPoints, "    profile: co2-485-sensor\n"));

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        var point = Assert.Single(Assert.IsType<ModbusTcpDeviceConfiguration>(result.Configuration!.Devices[0]).Points);
        Assert.Equal(5, point.Address);
    }

    /// <summary>Returns the test site with `profile: NAME` on device air, whose co2 point stays as an explicit point.</summary>
    private static string WithProfile(string name) =>
        SiteYaml.With(AirPointsStart, $"    profile: {name}\n{AirPointsStart}");

    private SiteConfigurationLoadResult Load(string yaml, System.Globalization.CultureInfo? culture = null) =>
        SiteConfigurationLoader.LoadFromText(yaml, "campus.yaml", _directory, culture ?? SiteYaml.English);

    private void WriteProfile(string name, string text)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_directory, "profiles")).FullName;
        File.WriteAllText(Path.Combine(folder, name + ".yaml"), text);
    }
}
