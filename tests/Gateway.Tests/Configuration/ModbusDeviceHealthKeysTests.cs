using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Gateway.Configuration.Model.Devices;

namespace SmartCampus.Edge.Gateway.Tests.Configuration;

/// <summary>Retries and backoff of Modbus devices: `retries` and `maxBackoff`.</summary>
public class ModbusDeviceHealthKeysTests
{
    private const string TcpHost = "    host: 127.0.0.1\n";

    [Fact]
    public void TcpKeys_Read()
    {
        var result = SiteYaml.Load(SiteYaml.With(TcpHost, TcpHost + "    retries: 2\n    maxBackoff: 1m\n"));

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        var device = Assert.IsType<ModbusTcpDeviceConfiguration>(result.Configuration!.Devices[0]);
        Assert.Equal(2, device.Retries);
        Assert.Equal(TimeSpan.FromMinutes(1), device.MaxBackoff);
    }

    [Fact]
    public void TcpKeys_Defaults()
    {
        var result = SiteYaml.Load(SiteYaml.Valid);

        var device = Assert.IsType<ModbusTcpDeviceConfiguration>(result.Configuration!.Devices[0]);
        Assert.Equal(0, device.Retries);
        Assert.Equal(TimeSpan.FromSeconds(30), device.MaxBackoff);
    }

    [Theory]
    [InlineData("retries: 6", "devices[0].retries")]
    [InlineData("maxBackoff: 500ms", "devices[0].maxBackoff")]
    [InlineData("maxBackoff: 2h", "devices[0].maxBackoff")]
    public void TcpKeys_OutOfRange(string line, string path)
    {
        var result = SiteYaml.Load(SiteYaml.With(TcpHost, $"{TcpHost}    {line}\n"));

        var problem = SiteYaml.Single(result);
        Assert.Equal(ConfigurationProblemKind.OutOfRange, problem.Kind);
        Assert.Equal(path, problem.Path);
    }

    [Fact]
    public void RtuMaxBackoff_Read()
    {
        var yaml = SiteYaml.With("rules:\n", """
              - id: meter
                kind: modbus-rtu
                serialPort: /dev/ttyUSB0
                unitId: 3
                maxBackoff: 2m
                points:
                  - id: total
                    function: holding
                    address: 0
                    type: uint32
            rules:

            """);

        var result = SiteYaml.Load(yaml);

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        var device = Assert.IsType<ModbusRtuDeviceConfiguration>(result.Configuration!.Devices.Single(d => d.Id == "meter"));
        Assert.Equal(TimeSpan.FromMinutes(2), device.MaxBackoff);
    }
}
