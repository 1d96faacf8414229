using SmartCampus.Edge.Gateway.Configuration;

namespace SmartCampus.Edge.Gateway.Tests.Configuration;

/// <summary>
/// A file with the usual mix-ups of serial and TCP Modbus devices: every problem must come out in one pass,
/// each with its own line, key path and device.
/// </summary>
public class TransportProblemsTests
{
    private static readonly string Yaml = SiteYaml.With("rules:\n", """
          - id: meter-1
            kind: modbus-tcp
            host: 192.168.1.50
            port: /dev/ttyUSB0
            baudRate: 9600
            points:
              - id: energy
                function: holding
                adress: 0
                type: uint32
              - id: power
                function: input
                address: 70000
                type: float32
          - id: meter-2
            kind: modbus-rtu
            host: 192.168.1.51
            unitId: 2
            points:
              - id: total
                function: holding
                address: 0
                type: uint32
        rules:

        """);

    [Fact]
    public void AllProblems_InOnePass()
    {
        var result = SiteYaml.Load(Yaml);

        Assert.False(result.IsValid);
        Assert.Collection(
            result.Problems,
            problem => Expect(problem, ConfigurationProblemKind.WrongType, "devices[3].port", "port: /dev/ttyUSB0"),
            problem => Expect(problem, ConfigurationProblemKind.UnknownKey, "devices[3].baudRate", "baudRate: 9600"),
            problem => Expect(problem, ConfigurationProblemKind.MissingKey, "devices[3].points[0].address", "- id: energy"),
            problem => Expect(problem, ConfigurationProblemKind.UnknownKey, "devices[3].points[0].adress", "adress: 0"),
            problem => Expect(problem, ConfigurationProblemKind.OutOfRange, "devices[3].points[1].address", "address: 70000"),
            problem => Expect(problem, ConfigurationProblemKind.UnknownKey, "devices[4].host", "host: 192.168.1.51"));
    }

    [Fact]
    public void AllProblems_NameTheirDevice()
    {
        var result = SiteYaml.Load(Yaml);

        Assert.Equal(["meter-1", "meter-1", "meter-1", "meter-1", "meter-1", "meter-2"], result.Problems.Select(problem => problem.DeviceId));
    }

    [Fact]
    public void SerialSettings_ExplainTransport()
    {
        var result = SiteYaml.Load(Yaml);

        Assert.Contains("`/dev/ttyUSB0` is a serial port", SiteYaml.At(result, "devices[3].port").Message, StringComparison.Ordinal);
        Assert.Contains("`baudRate` is a serial-line setting", SiteYaml.At(result, "devices[3].baudRate").Message, StringComparison.Ordinal);
        Assert.Contains("did you mean `address`?", SiteYaml.At(result, "devices[3].points[0].adress").Message, StringComparison.Ordinal);
        Assert.Contains("`host` is a network setting", SiteYaml.At(result, "devices[4].host").Message, StringComparison.Ordinal);
        Assert.Contains("set `serialPort`, for example `serialPort: /dev/ttyUSB0`", SiteYaml.At(result, "devices[4].host").Message, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Problems, problem => problem.Path == "devices[4].serialPort");
    }

    [Fact]
    public void Report_ListsEveryProblemAndSummary()
    {
        var lines = ConfigurationReport.FormatLines(SiteYaml.Load(Yaml));

        var addressLine = SiteYaml.LineOf(Yaml, "address: 70000");
        var addressColumn = SiteYaml.ColumnOf(Yaml, "70000");
        Assert.Contains(
            $"campus.yaml:{addressLine}:{addressColumn} devices[3].points[1].address = 70000 (device meter-1): 70000 is out of range: expected an integer from 0 to 65535. Example: `address: 0`.",
            lines);
        Assert.Equal("6 problems found.", lines[^1]);
    }

    private static void Expect(ConfigurationProblem problem, ConfigurationProblemKind kind, string path, string lineFragment)
    {
        Assert.Equal(kind, problem.Kind);
        Assert.Equal(path, problem.Path);
        Assert.Equal(SiteYaml.LineOf(Yaml, lineFragment), problem.Line);
    }
}
