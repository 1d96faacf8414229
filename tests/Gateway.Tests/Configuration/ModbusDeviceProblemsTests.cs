using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Gateway.Configuration.Model.Devices;

namespace SmartCampus.Edge.Gateway.Tests.Configuration;

/// <summary>
/// A serial device given a TCP host instead of a port, a TCP device without a timeout, an unknown key and a register
/// address past 65535, in one file. Each problem comes out in the same pass with its line, device and key path. The
/// device without a timeout takes the default, and a partial configuration leaves out only the broken devices.
/// </summary>
public class ModbusDeviceProblemsTests
{
    private static readonly string Yaml = SiteYaml.With("rules:\n", """
          - id: rtu-1
            kind: modbus-rtu
            host: 192.168.1.60
            unitId: 2
            points:
              - id: temperature
                function: input
                address: 0
                type: int16
          - id: meter-tcp
            kind: modbus-tcp
            host: 192.168.1.61
            points:
              - id: power
                function: input
                address: 0
                type: float32
          - id: meter-3
            kind: modbus-tcp
            host: 192.168.1.62
            pollIntervall: 5s
            points:
              - id: energy
                function: holding
                address: 70000
                type: uint32
        rules:

        """);

    [Fact]
    public void Problems_AllInOnePass()
    {
        var result = SiteYaml.Load(Yaml);

        Assert.False(result.IsValid);
        Assert.Collection(
            result.Problems,
            problem => Expect(problem, ConfigurationProblemKind.UnknownKey, "devices[3].host", "host: 192.168.1.60", "rtu-1"),
            problem => Expect(problem, ConfigurationProblemKind.UnknownKey, "devices[5].pollIntervall", "pollIntervall: 5s", "meter-3"),
            problem => Expect(problem, ConfigurationProblemKind.OutOfRange, "devices[5].points[0].address", "address: 70000", "meter-3"));
    }

    [Fact]
    public void Problems_SayWhatIsExpectedWithExample()
    {
        var result = SiteYaml.Load(Yaml);

        Assert.Contains("`host` is a network setting", SiteYaml.At(result, "devices[3].host").Message, StringComparison.Ordinal);
        Assert.Contains("did you mean `pollInterval`?", SiteYaml.At(result, "devices[5].pollIntervall").Message, StringComparison.Ordinal);
        Assert.Contains("expected an integer from 0 to 65535. Example: `address: 0`.", SiteYaml.At(result, "devices[5].points[0].address").Message, StringComparison.Ordinal);

        var lines = ConfigurationReport.FormatLines(result);
        Assert.Contains(lines, line => line.StartsWith($"campus.yaml:{SiteYaml.LineOf(Yaml, "host: 192.168.1.60")}:", StringComparison.Ordinal)
            && line.Contains("devices[3].host", StringComparison.Ordinal)
            && line.Contains("(device rtu-1)", StringComparison.Ordinal));
    }

    [Fact]
    public void MissingTimeout_TakesDefault()
    {
        var result = SiteYaml.Load(Yaml);

        Assert.DoesNotContain(result.Problems, problem => problem.DeviceId == "meter-tcp");
        var partial = Assert.IsType<PartialSiteConfiguration>(result.Partial);
        var meter = Assert.IsType<ModbusTcpDeviceConfiguration>(partial.Configuration.Devices.Single(device => device.Id == "meter-tcp"));
        Assert.Equal(ModbusTcpDeviceConfiguration.DefaultTimeout, meter.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(1), meter.Timeout);
    }

    [Fact]
    public void Partial_LeavesOutOnlyBrokenDevices()
    {
        var result = SiteYaml.Load(Yaml);

        Assert.Null(result.Configuration);
        var partial = Assert.IsType<PartialSiteConfiguration>(result.Partial);
        Assert.Equal(["meter-3", "rtu-1"], partial.ExcludedDeviceIds.Order(StringComparer.Ordinal));
        Assert.Equal(["air", "panel", "board-1", "meter-tcp"], partial.Configuration.Devices.Select(device => device.Id));
        Assert.Equal(["co2-high", "fire"], partial.Configuration.Rules.Select(rule => rule.Id));
    }

    private static void Expect(ConfigurationProblem problem, ConfigurationProblemKind kind, string path, string lineFragment, string deviceId)
    {
        Assert.Equal(kind, problem.Kind);
        Assert.Equal(path, problem.Path);
        Assert.Equal(SiteYaml.LineOf(Yaml, lineFragment), problem.Line);
        Assert.Equal(deviceId, problem.DeviceId);
    }
}
