using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Gateway.Configuration.Model;
using SmartCampus.Edge.Gateway.Configuration.Model.Devices;
using SmartCampus.Edge.Gateway.Configuration.Model.Rules;
using SmartCampus.Edge.Gateway.Configuration.Model.Simulators;

namespace SmartCampus.Edge.Gateway.Tests.Configuration;

public class DemoConfigurationTests
{
    [Fact]
    public void Demo_LoadsWithoutProblems()
    {
        var result = SiteConfigurationLoader.Load(RepositoryRoot.DemoConfiguration, SiteYaml.English);

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        Assert.Empty(result.Problems);
        Assert.Null(result.Partial);
    }

    [Fact]
    public void Demo_SectionsMapToModel()
    {
        var site = LoadDemo();

        Assert.Equal("demo-school", site.School.Id);
        Assert.Equal("示范小学", site.School.Name);
        Assert.Equal("gw-01", site.Gateway.Id);
        Assert.Equal("zh-CN", site.Gateway.Language?.Name);
        Assert.Equal(Path.Combine(RepositoryRoot.Path, "hardware", "demo", "data"), site.Gateway.DataDirectory);
        Assert.Equal(CampusBrokerMode.Embedded, site.CampusBroker.Mode);
        Assert.Equal(18830, site.CampusBroker.Port);
        Assert.Equal(DistrictProtocol.Mqtt5, site.District.Protocol);
        Assert.Equal("demo-school-gw-01", site.District.ClientId);
        Assert.Equal(TimeSpan.FromSeconds(10), site.District.PublishTimeout);
        Assert.Equal(100, site.District.BatchSize);
        Assert.Equal(512, site.Outbox.MaxDiskMegabytes);
    }

    [Fact]
    public void Demo_DevicesMapToModel()
    {
        var site = LoadDemo();

        var air = Assert.IsType<ModbusTcpDeviceConfiguration>(site.Devices[0]);
        Assert.Equal("bldgA-2F-201-air", air.Id);
        Assert.Equal(15020, air.Port);
        Assert.Equal(TimeSpan.FromSeconds(2), air.PollInterval);
        Assert.Equal(TimeSpan.FromSeconds(1), air.Timeout);
        Assert.Equal(ModbusDataType.UInt16, air.Points[0].DataType);
        Assert.Equal(ModbusWordOrder.Abcd, air.Points[0].WordOrder);
        Assert.Equal(0.1, air.Points[1].Scale);
        Assert.Equal(ModbusWordOrder.Cdab, air.Points[2].WordOrder);
        Assert.Equal("%RH", air.Points[2].Unit);

        var panel = Assert.IsType<GpioDeviceConfiguration>(site.Devices[1]);
        Assert.Equal(GpioDriverKind.Simulated, panel.Driver);
        Assert.True(panel.Points[0].ActiveLow);
        Assert.Equal(TimeSpan.FromMilliseconds(50), panel.Points[0].Debounce);
        Assert.Equal(GpioDirection.Output, panel.Points[1].Direction);
        Assert.False(panel.Points[1].SafeState);

        var board = Assert.IsType<ClassBoardConfiguration>(site.Devices[2]);
        Assert.Equal("201", board.Room);
        Assert.Equal("2", board.Floor);
        Assert.Equal(TimeSpan.FromSeconds(90), board.HeartbeatTimeout);
    }

    [Fact]
    public void Demo_RulesAndSimulatorsMapToModel()
    {
        var site = LoadDemo();

        var co2 = Assert.IsType<ThresholdRuleConfiguration>(site.Rules[0]);
        Assert.Equal(PointId.Parse("bldgA-2F-201-air.co2"), co2.Point);
        Assert.Equal(ThresholdDirection.Above, co2.Direction);
        Assert.Equal(1500, co2.Limit);
        Assert.Equal(1200, co2.ClearLimit);
        Assert.Equal(AlarmSeverity.Warning, co2.Severity);
        var notice = Assert.IsType<NoticeActionConfiguration>(Assert.Single(co2.Actions));
        Assert.Equal("board-201", notice.BoardId);
        Assert.False(notice.IsEmergency);

        var fire = Assert.IsType<InputRuleConfiguration>(site.Rules[1]);
        Assert.True(fire.TriggerValue);
        var siren = Assert.IsType<SetOutputActionConfiguration>(fire.Actions[0]);
        Assert.Equal(PointId.Parse("fire-panel.siren"), siren.Point);
        var emergency = Assert.IsType<NoticeActionConfiguration>(fire.Actions[1]);
        Assert.Null(emergency.BoardId);
        Assert.True(emergency.IsEmergency);
        Assert.Equal("Fire alarm! Leave the building by the escape routes.", emergency.Text.En);

        Assert.IsType<ModbusClassroomSimulatorConfiguration>(site.Simulators[0]);
        var trip = Assert.IsType<SmokeTripSimulatorConfiguration>(site.Simulators[1]);
        Assert.Equal(TimeSpan.FromSeconds(25), trip.After);
    }

    [Theory]
    [InlineData("2m", 120)]
    [InlineData("20s", 20)]
    public void Demo_Co2RuleForLoadsEitherValue(string duration, int expectedSeconds)
    {
        var text = File.ReadAllText(RepositoryRoot.DemoConfiguration);
        var forLine = text.Split('\n').Single(line => line.TrimStart().StartsWith("for:", StringComparison.Ordinal));
        var edited = text.Replace(forLine, "    for: " + duration, StringComparison.Ordinal);

        var result = SiteConfigurationLoader.LoadFromText(edited, "campus.yaml", Path.GetDirectoryName(RepositoryRoot.DemoConfiguration)!);

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), Assert.IsType<ThresholdRuleConfiguration>(result.Configuration.Rules[0]).For);
    }

    private static SiteConfiguration LoadDemo()
    {
        var result = SiteConfigurationLoader.Load(RepositoryRoot.DemoConfiguration);
        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        return result.Configuration;
    }
}
