using SmartCampus.Edge.Gateway.CommandLine;
using SmartCampus.Edge.Gateway.CommandLine.Technician;
using SmartCampus.Edge.Gateway.Tests.Configuration;

namespace SmartCampus.Edge.Gateway.Tests.CommandLine.Technician;

public sealed class DevicesListCommandTests : IDisposable
{
    private readonly TechnicianSite _site = new();

    [Fact]
    public void List_ShowsDevicesAndPoints()
    {
        var output = new StringWriter();

        var exitCode = DevicesListCommand.Execute(new FileInfo(_site.ConfigPath), "en", output, new StringWriter());

        var text = output.ToString();
        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("2 devices, 4 points", text, StringComparison.Ordinal);
        Assert.Contains("Device fire-panel (kind: gpio, driver: simulated)  消防联动", text, StringComparison.Ordinal);
        Assert.Contains("  point smoke: direction: input, pin: 17, activeLow: true, debounce: 20ms", text, StringComparison.Ordinal);
        Assert.Contains("  point strike: direction: output, pin: 22, activeLow: true, safeState: false, pulse: 300ms", text, StringComparison.Ordinal);
        Assert.Contains("kind: modbus-tcp, host: 127.0.0.1, port: 15020, unitId: 1", text, StringComparison.Ordinal);
        Assert.Contains("  point humidity: function: holding, address: 2, type: float32, order: CDAB, unit: %RH", text, StringComparison.Ordinal);
    }

    [Fact]
    public void List_InChinese()
    {
        var output = new StringWriter();

        DevicesListCommand.Execute(new FileInfo(_site.ConfigPath), "zh-CN", output, new StringWriter());

        Assert.Contains("共 2 个设备、4 个点位", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("  点位 siren：", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void DemoCampus_ListsEveryDevice()
    {
        var output = new StringWriter();

        var exitCode = DevicesListCommand.Execute(new FileInfo(RepositoryRoot.DemoConfiguration), "en", output, new StringWriter());

        Assert.Equal(ExitCodes.Success, exitCode);
        foreach (var id in new[] { "bldgA-2F-201-air", "fire-panel", "board-201" })
        {
            Assert.Contains($"Device {id} (", output.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void DemoCampus_HidesUnsetSettings()
    {
        var output = new StringWriter();

        DevicesListCommand.Execute(new FileInfo(RepositoryRoot.DemoConfiguration), "en", output, new StringWriter());

        var text = output.ToString();
        Assert.Contains("Device board-201 (kind: class-board, building: A, floor: 2, room: 201, heartbeatTimeout: 90s)", text, StringComparison.Ordinal);
        Assert.Contains("  point temperature: function: holding, address: 1, type: int16, scale: 0.1, unit: °C", text, StringComparison.Ordinal);
    }

    [Fact]
    public void List_RtuDeviceUsesConfigurationKeys()
    {
        var rtu = Path.Combine(_site.Directory, "rtu.yaml");
        File.WriteAllText(rtu, SiteYaml.Header + "\n" + """
            devices:
              - id: th-201
                kind: modbus-rtu
                serialPort: /dev/ttyUSB0
                parity: even
                unitId: 2
                points:
                  - id: temperature
                    function: input
                    address: 1
                    type: int16
            """);
        var output = new StringWriter();

        var exitCode = DevicesListCommand.Execute(new FileInfo(rtu), "en", output, new StringWriter());

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains(
            "Device th-201 (kind: modbus-rtu, serialPort: /dev/ttyUSB0, baudRate: 9600, parity: even, dataBits: 8, stopBits: 1, unitId: 2, pollInterval: 5s, timeout: 500ms)",
            output.ToString(),
            StringComparison.Ordinal);
    }

    [Fact]
    public void List_ShowsRequestLimitsWhenSet()
    {
        var rtu = Path.Combine(_site.Directory, "limits.yaml");
        File.WriteAllText(rtu, SiteYaml.Header + "\n" + """
            devices:
              - id: meter-1
                kind: modbus-rtu
                serialPort: /dev/ttyUSB0
                unitId: 4
                maxRegistersPerRequest: 50
                maxGap: 0
                points:
                  - id: energy
                    function: holding
                    address: 0
                    type: uint32
            """);
        var output = new StringWriter();

        DevicesListCommand.Execute(new FileInfo(rtu), "en", output, new StringWriter());

        Assert.Contains("unitId: 4, pollInterval: 5s, timeout: 500ms, maxRegistersPerRequest: 50, maxGap: 0)", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidConfiguration_ExitsTwoWithReport()
    {
        var broken = Path.Combine(_site.Directory, "broken.yaml");
        File.WriteAllText(broken, File.ReadAllText(_site.ConfigPath).Replace("pin: 27", "pin: -3", StringComparison.Ordinal));
        var error = new StringWriter();

        var exitCode = DevicesListCommand.Execute(new FileInfo(broken), "en", new StringWriter(), error);

        Assert.Equal(ExitCodes.InvalidConfiguration, exitCode);
        Assert.Contains("broken.yaml:", error.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => _site.Dispose();
}
