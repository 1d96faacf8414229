using System.CommandLine;
using SmartCampus.Edge.Gateway.CommandLine;
using SmartCampus.Edge.Gateway.CommandLine.Modbus;

namespace SmartCampus.Edge.Gateway.Tests.CommandLine;

/// <summary>The technician commands `modbus read`, `write` and `scan` against real pymodbus servers over TCP and RTU.</summary>
public sealed class ModbusCommandTests : IAsyncLifetime
{
    private static readonly Dictionary<ushort, ushort> Holding = new()
    {
        [0] = 900, // co2, ppm
        [1] = 0xFFC9, // -55 as int16
        [2] = 0x077A, // 77.5146 as float32 CDAB
        [3] = 0x429B,
        [20] = 0, // writable
        [30] = 0x454D, // "EM-3  "
        [31] = 0x2D33,
        [32] = 0x2020,
        [40] = 0, // writable string, 2 registers
        [41] = 0,
    };

    private static readonly Dictionary<byte, string> Identity = new() { [0] = "ACME Sensors", [1] = "TH-485", [2] = "2.1" };

    private readonly string _directory = Directory.CreateTempSubdirectory("smartcampus-modbus-cli-").FullName;
    private PymodbusServer? _server;

    private PymodbusServer Server => _server ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        _server = await PymodbusServer.StartAsync(
            new PymodbusServerOptions { UnitId = 3, HoldingRegisters = Holding, Identity = Identity },
            CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Read_TcpFloat32Cdab()
    {
        var (exitCode, output) = await RunAsync("read", "--host", "127.0.0.1", "--port", Port, "--unit", "3", "--address", "2", "--type", "float32", "--order", "CDAB");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("0x077A 0x429B", output, StringComparison.Ordinal);
        Assert.Contains("77.514", output, StringComparison.Ordinal);
        Assert.Contains($"TCP 127.0.0.1:{Port}, unit 3:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_TcpCountOfInt16()
    {
        var (exitCode, output) = await RunAsync("read", "--host", "127.0.0.1", "--port", Port, "--unit", "3", "--address", "0", "--count", "2", "--type", "int16");

        Assert.Equal(ExitCodes.Success, exitCode);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains(lines, line => line.StartsWith("0 ", StringComparison.Ordinal) && line.EndsWith("900", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("1 ", StringComparison.Ordinal) && line.EndsWith("-55", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Read_ConfigDevicePoints()
    {
        var config = WriteConfig();

        var (exitCode, output) = await RunAsync("read", "--config", config, "--device", "meter");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("Device meter", output, StringComparison.Ordinal);
        Assert.Matches(@"co2\s+holding register 0\s+0x0384\s+900\s+ppm", output);
        Assert.Matches(@"model\s+holding register 30\s+0x454D 0x2D33 0x2020\s+""EM-3""", output);
    }

    [Fact]
    public async Task Read_ConfigDevicePointsInChinese()
    {
        var config = WriteConfig();

        var (exitCode, output) = await RunAsync(["read", "--config", config, "--device", "meter"], language: "zh-CN");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Matches(@"co2\s+保持寄存器 0\s+0x0384\s+900\s+ppm", output);
        Assert.DoesNotContain("Holding", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_ConfigPoint()
    {
        var config = WriteConfig();

        var (exitCode, output) = await RunAsync("read", "--config", config, "--device", "meter", "--point", "humidity");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("77.514", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_ConfigPointShowsNameRegistersAndUnit()
    {
        var config = WriteConfig();

        var (exitCode, output) = await RunAsync("read", "--config", config, "--device", "meter", "--point", "co2");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Matches(@"co2\s+holding register 0\s+0x0384\s+900\s+ppm", output);
    }

    [Fact]
    public async Task Read_ConfigDevicePointsShowRegisters()
    {
        var config = WriteConfig();

        var (exitCode, output) = await RunAsync(["read", "--config", config, "--device", "meter"], language: "zh-CN");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Matches(@"humidity\s+保持寄存器 2\s+0x077A 0x429B\s+77\.51", output);
    }

    [Fact]
    public async Task Read_HostWithPortIsUsageError()
    {
        var (exitCode, output) = await RunAsync(["read", "--host", "127.0.0.1:15021", "--unit", "1", "--address", "0"], language: "zh-CN");

        Assert.Equal(ExitCodes.InvalidConfiguration, exitCode);
        Assert.Contains("`--host 127.0.0.1 --port 15021`", output, StringComparison.Ordinal);
        Assert.DoesNotContain("无法解析", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_ExceptionNamesQuantityAndEndpoint()
    {
        var (exitCode, output) = await RunAsync(["read", "--host", "127.0.0.1", "--port", Port, "--unit", "3", "--address", "500", "--count", "2", "--type", "float32"], language: "zh-CN");

        Assert.Equal(ExitCodes.DeviceRequestFailed, exitCode);
        Assert.Contains($"设备 127.0.0.1:{Port}（从站地址 3）", output, StringComparison.Ordinal);
        Assert.Contains("起始地址 500，数量 4 个寄存器", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_ChineseNextStepJoinsWithoutSpace()
    {
        var (_, output) = await RunAsync(["read", "--host", "127.0.0.1", "--port", Port, "--unit", "3", "--address", "500"], language: "zh-CN");

        Assert.Contains("（异常码 02）。本次请求的范围", output, StringComparison.Ordinal);
        Assert.DoesNotContain("。 ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_ExceptionNamesQuantity()
    {
        var (exitCode, output) = await RunAsync(["write", "--host", "127.0.0.1", "--port", Port, "--unit", "3", "--address", "500", "--type", "float32", "--value", "1.5"], language: "zh-CN");

        Assert.Equal(ExitCodes.DeviceRequestFailed, exitCode);
        Assert.Contains("拒绝了功能码 16 的请求（起始地址 500）", output, StringComparison.Ordinal);
        Assert.Contains("本次请求的范围：起始地址 500，数量 2 个寄存器。", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_OutOfRangeIsUsageError()
    {
        var (exitCode, output) = await RunAsync("write", "--host", "127.0.0.1", "--port", Port, "--unit", "3", "--address", "20", "--value", "70000");

        Assert.Equal(ExitCodes.InvalidConfiguration, exitCode);
        Assert.Equal("Value 70000 does not fit --type uint16: give a value from 0 to 65535.", output.TrimEnd());
        Assert.Equal([0], await Server.GetHoldingRegistersAsync(20, 1, CancellationToken.None));
    }

    [Fact]
    public async Task Write_ScaledPointOutOfRangeNamesRange()
    {
        var config = WriteConfig();
        var temperature = "      - id: temperature\n        function: holding\n        address: 1\n        type: int16\n        scale: 0.1\n";
        await File.WriteAllTextAsync(config, (await File.ReadAllTextAsync(config)).Replace("      - id: co2\n", temperature + "      - id: co2\n", StringComparison.Ordinal));

        var (exitCode, output) = await RunAsync(["write", "--config", config, "--device", "meter", "--point", "temperature", "--value", "9999"], language: "zh-CN");

        Assert.Equal(ExitCodes.InvalidConfiguration, exitCode);
        Assert.Equal("值 9999 超出点位 temperature 的范围：按其类型 int16 及 scale、offset 换算，应在 -3276.8 到 3276.7 之间。", output.TrimEnd());
    }

    [Theory]
    [InlineData("input", "input register 0")]
    [InlineData("discrete", "discrete input 0")]
    public async Task Write_ReadOnlyTableIsUsageError(string function, string where)
    {
        var (exitCode, output) = await RunAsync("write", "--host", "127.0.0.1", "--port", Port, "--function", function, "--address", "0", "--value", "1");

        Assert.Equal(ExitCodes.InvalidConfiguration, exitCode);
        Assert.StartsWith($"Cannot write {where}: it is read-only.", output, StringComparison.Ordinal);
        Assert.DoesNotContain(":" + Port + ".value", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_ShowsRoundedRegister()
    {
        var (exitCode, output) = await RunAsync("write", "--host", "127.0.0.1", "--port", Port, "--unit", "3", "--address", "20", "--value", "21.5");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("Wrote 21.5 to holding register 20", output, StringComparison.Ordinal);
        Assert.Contains("(registers 0x0016)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_Float32AtSinglePrecision()
    {
        // 0x4366 0x199A is 230.1 as float32; its double form is 230.10000610351562.
        await Server.SetHoldingRegistersAsync(20, [0x4366, 0x199A], CancellationToken.None);

        var (exitCode, output) = await RunAsync("read", "--host", "127.0.0.1", "--port", Port, "--unit", "3", "--address", "20", "--type", "float32");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Matches(@"\n20\s+0x4366 0x199A\s+230\.1\s*\n", output);
    }

    [Theory]
    [InlineData("127.0.0.1：502", "full-width character '：'", "`--host 127.0.0.1 --port 502`")]
    [InlineData("192.168.10.256", "is not a valid IPv4 address", "192.168.10.21")]
    public async Task Read_MistypedHostIsUsageError(string host, string problem, string fix)
    {
        var (exitCode, output) = await RunAsync("read", "--host", host, "--address", "0");

        Assert.Equal(ExitCodes.InvalidConfiguration, exitCode);
        Assert.Contains(problem, output, StringComparison.Ordinal);
        Assert.Contains(fix, output, StringComparison.Ordinal);
        Assert.DoesNotContain("cannot be resolved", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("248")]
    public async Task Read_SerialUnitOutsideBusRange(string unit)
    {
        var (exitCode, output) = await RunAsync("read", "--serial", "/dev/ttyUSB0", "--unit", unit, "--address", "0");

        Assert.Equal(ExitCodes.InvalidConfiguration, exitCode);
        Assert.Contains($"Unit id {unit} cannot be asked on a serial line: use 1 to 247", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_MissingSerialPortNamesOption()
    {
        var path = Path.Combine(_directory, "ttyUSB9");

        var (exitCode, output) = await RunAsync(["read", "--serial", path, "--unit", "2", "--address", "0"], language: "zh-CN");

        Assert.Equal(ExitCodes.DeviceRequestFailed, exitCode);
        Assert.Equal($"无法打开串口 {path}：该串口不存在。请检查转换器是否插好，以及 --serial 的路径；ls /dev/ttyUSB* /dev/ttyACM* /dev/rs485-* 可列出现有的串口。", output.TrimEnd());
    }

    [Fact]
    public async Task Read_BusySerialPortNamesService()
    {
        await using var pair = await SocatPair.StartAsync(CancellationToken.None);
        using var holder = System.Diagnostics.Process.Start("flock", ["--exclusive", pair.PathB, "sleep", "60"]) ?? throw new InvalidOperationException("flock(1) did not start.");
        (int ExitCode, string Output) result;
        try
        {
            Assert.True(await Eventually.WaitUntilAsync(() => !TryLock(pair.PathB), TimeSpan.FromSeconds(10)), "flock(1) did not take the lock.");
            result = await RunAsync("read", "--serial", pair.PathB, "--unit", "2", "--address", "0");
        }
        finally
        {
            holder.Kill();
        }

        var (exitCode, output) = result;

        Assert.Equal(ExitCodes.DeviceRequestFailed, exitCode);
        Assert.Contains("another program is using it, usually the running gateway service", output, StringComparison.Ordinal);
        Assert.Contains("sudo systemctl stop smartcampus-edge", output, StringComparison.Ordinal);
        Assert.DoesNotContain("configuration", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_ConfigDeviceErrorBelowTable()
    {
        var config = WriteConfig();
        await File.WriteAllTextAsync(config, (await File.ReadAllTextAsync(config)).Replace("unitId: 3", "unitId: 9", StringComparison.Ordinal));

        var (exitCode, output) = await RunAsync("read", "--config", config, "--device", "meter", "--timeout", "300ms");

        Assert.Equal(ExitCodes.DeviceRequestFailed, exitCode);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Matches(@"^co2\s+holding register 0\s+\(failed, see below\)$", lines[2]);
        Assert.StartsWith("co2: Device meter (unit 9) did not answer", lines[^1], StringComparison.Ordinal);
        Assert.Contains("that unitId in campus.yaml is its unit id", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_ProbeExceptionNamesRange()
    {
        var (exitCode, output) = await RunAsync("scan", "--host", "127.0.0.1", "--port", Port, "--from", "3", "--to", "3", "--probe", "read", "--probe-address", "500");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Matches(@"\n3\s+-\s+-\s+-\s+exception 02 \(illegal data address\)", output);
        Assert.Contains("The probe read asked for 1 register at holding register 500.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_NoneAnsweredGivesNextStep()
    {
        var (exitCode, output) = await RunAsync(["scan", "--host", "127.0.0.1", "--port", Port, "--from", "5", "--to", "5", "--timeout", "200ms"], language: "zh-CN");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("每次请求等待 200 毫秒", output, StringComparison.Ordinal);
        Assert.Contains("1 个从站地址中有 0 个应答。", output, StringComparison.Ordinal);
        Assert.Contains("请检查 --host 是否为设备前端的 Modbus TCP 网关", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_RegisterNumberAddressGetsHint()
    {
        var (_, output) = await RunAsync("read", "--host", "127.0.0.1", "--port", Port, "--unit", "3", "--address", "40001");

        Assert.Contains("--address 40001 looks like a 4xxxx register number", output, StringComparison.Ordinal);
        Assert.Contains("use --address 0.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_TimeoutSuggestsUnit()
    {
        var (exitCode, output) = await RunAsync("read", "--host", "127.0.0.1", "--port", Port, "--unit", "9", "--address", "0", "--timeout", "300ms");

        Assert.Equal(ExitCodes.DeviceRequestFailed, exitCode);
        Assert.Contains("within 300 ms", output, StringComparison.Ordinal);
        Assert.Contains("Check that the device is powered, that --unit is its unit id", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_UnknownDeviceListsModbusDevices()
    {
        var config = WriteConfig();

        var (exitCode, output) = await RunAsync("read", "--config", config, "--device", "metre");

        Assert.Equal(ExitCodes.InvalidConfiguration, exitCode);
        Assert.Contains("Device 'metre' is not in campus.yaml. Modbus devices there: meter.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_ConnectionMissingInChinese()
    {
        var (exitCode, output) = await RunAsync(["read", "--address", "0"], language: "zh-CN");

        Assert.Equal(ExitCodes.InvalidConfiguration, exitCode);
        Assert.Contains("未指定设备", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_UnmappedAddressIsExceptionResponse()
    {
        var (exitCode, output) = await RunAsync("read", "--host", "127.0.0.1", "--port", Port, "--unit", "3", "--address", "500");

        Assert.Equal(ExitCodes.DeviceRequestFailed, exitCode);
        Assert.Contains("illegal data address (exception code 02)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_RefusedConnectionFails()
    {
        var (exitCode, output) = await RunAsync("read", "--host", "127.0.0.1", "--port", LoopbackPort.Free().ToString(System.Globalization.CultureInfo.InvariantCulture), "--address", "0");

        Assert.Equal(ExitCodes.DeviceRequestFailed, exitCode);
        Assert.Contains("Cannot connect to 127.0.0.1:", output, StringComparison.Ordinal);
        Assert.Contains("Check --host and --port", output, StringComparison.Ordinal);
        Assert.DoesNotContain("unit-1", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_RefusedHostOptionInChinese()
    {
        var port = LoopbackPort.Free().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var (exitCode, output) = await RunAsync(["read", "--host", "127.0.0.1", "--port", port, "--address", "0"], language: "zh-CN");

        Assert.Equal(ExitCodes.DeviceRequestFailed, exitCode);
        Assert.Equal($"无法连接 127.0.0.1:{port}：连接被拒绝，该端口上没有服务在监听。请检查 --host 和 --port，并确认设备已开启 Modbus TCP 服务；多数设备使用端口 502。", output.TrimEnd());
    }

    [Fact]
    public async Task Write_RefusedHostOptionNamesOptions()
    {
        var port = LoopbackPort.Free().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var (exitCode, output) = await RunAsync("write", "--host", "127.0.0.1", "--port", port, "--address", "20", "--value", "1");

        Assert.Equal(ExitCodes.DeviceRequestFailed, exitCode);
        Assert.StartsWith($"Cannot connect to 127.0.0.1:{port}: the connection was refused", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_TcpRegister()
    {
        var (exitCode, output) = await RunAsync("write", "--host", "127.0.0.1", "--port", Port, "--unit", "3", "--address", "20", "--value", "1234");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("Wrote 1234 to holding register 20", output, StringComparison.Ordinal);
        Assert.Equal([1234], await Server.GetHoldingRegistersAsync(20, 1, CancellationToken.None));
    }

    [Fact]
    public async Task Write_TcpRegisterInChinese()
    {
        var (exitCode, output) = await RunAsync(["write", "--host", "127.0.0.1", "--port", Port, "--unit", "3", "--address", "20", "--value", "7"], language: "zh-CN");

        Assert.True(exitCode == ExitCodes.Success, output);
        Assert.Equal($"已将 7 写入 TCP 127.0.0.1:{Port} 从站地址 3 的保持寄存器 20（寄存器值 0x0007）。", output.TrimEnd());
    }

    [Fact]
    public async Task Write_ConfigStringPoint()
    {
        var config = WriteConfig();

        var (exitCode, output) = await RunAsync("write", "--config", config, "--device", "meter", "--point", "label", "--value", "R201");

        Assert.True(exitCode == ExitCodes.Success, output);
        Assert.Equal([0x5232, 0x3031], await Server.GetHoldingRegistersAsync(40, 2, CancellationToken.None));
    }

    [Fact]
    public async Task Write_TooLongStringRejectedByDevicePoint()
    {
        var config = WriteConfig();

        var (exitCode, output) = await RunAsync("write", "--config", config, "--device", "meter", "--point", "label", "--value", "Room 201");

        Assert.Equal(ExitCodes.InvalidConfiguration, exitCode);
        Assert.Contains("at most 4 ASCII characters", output, StringComparison.Ordinal);
        Assert.Equal([0, 0], await Server.GetHoldingRegistersAsync(40, 2, CancellationToken.None));
    }

    [Fact]
    public async Task Write_InvalidNumberRejected()
    {
        var (exitCode, output) = await RunAsync("write", "--host", "127.0.0.1", "--port", Port, "--address", "20", "--value", "21,5");

        Assert.Equal(ExitCodes.InvalidConfiguration, exitCode);
        Assert.Contains("Value '21,5' is not a number", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_TcpFindsIdentifiedUnit()
    {
        var (exitCode, output) = await RunAsync("scan", "--host", "127.0.0.1", "--port", Port, "--from", "2", "--to", "4", "--timeout", "300ms");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Matches(@"\n3\s+ACME Sensors\s+TH-485\s+2\.1\s+0x0384", output);
        Assert.Contains("1 of 3 unit ids answered.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_RtuCoilsUnderBitColumn()
    {
        await using var pair = await SocatPair.StartAsync(CancellationToken.None);
        await using var bus = await PymodbusRtuServer.StartAsync(
            new PymodbusRtuServerOptions { SerialPath = pair.PathA, UnitIds = [4], Coils = new Dictionary<ushort, bool> { [0] = false, [1] = true } },
            CancellationToken.None);

        var (exitCode, output) = await RunAsync(["read", "--serial", pair.PathB, "--unit", "4", "--function", "coil", "--address", "0", "--count", "2"], language: "zh-CN");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Matches(@"地址\s+位\s+值", output);
        Assert.Matches(@"\n1\s+1\s+true", output);
        Assert.DoesNotContain("寄存器", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_RtuBusWithTwoUnits()
    {
        await using var pair = await SocatPair.StartAsync(CancellationToken.None);
        await using var bus = await PymodbusRtuServer.StartAsync(
            new PymodbusRtuServerOptions { SerialPath = pair.PathA, UnitIds = [2, 5], HoldingRegisters = new Dictionary<ushort, ushort> { [0] = 415 }, Identity = Identity },
            CancellationToken.None);

        var (exitCode, output) = await RunAsync("scan", "--serial", pair.PathB, "--baud", "9600", "--from", "1", "--to", "6", "--timeout", "300ms");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Matches(@"\n2\s+ACME Sensors\s+TH-485\s+2\.1\s+0x019F", output);
        Assert.Matches(@"\n5\s+ACME Sensors\s+TH-485\s+2\.1\s+0x019F", output);
        Assert.Contains("2 of 6 unit ids answered.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadWrite_RtuSerial()
    {
        await using var pair = await SocatPair.StartAsync(CancellationToken.None);
        await using var bus = await PymodbusRtuServer.StartAsync(
            new PymodbusRtuServerOptions { SerialPath = pair.PathA, UnitIds = [7], HoldingRegisters = new Dictionary<ushort, ushort> { [0] = 0, [1] = 0 } },
            CancellationToken.None);

        var (writeExit, writeOutput) = await RunAsync("write", "--serial", pair.PathB, "--unit", "7", "--address", "0", "--type", "int32", "--value", "-123456");
        var (readExit, readOutput) = await RunAsync("read", "--serial", pair.PathB, "--unit", "7", "--address", "0", "--type", "int32");

        Assert.Equal(ExitCodes.Success, writeExit);
        Assert.Contains("RTU " + pair.PathB + " 9600 8N1, unit 7", writeOutput, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, readExit);
        Assert.Contains("0xFFFE 0x1DC0", readOutput, StringComparison.Ordinal);
        Assert.Contains("-123456", readOutput, StringComparison.Ordinal);
    }

    private string Port => Server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static Task<(int ExitCode, string Output)> RunAsync(params string[] arguments) => RunAsync(arguments, "en");

    private static async Task<(int ExitCode, string Output)> RunAsync(string[] arguments, string language)
    {
        var output = new StringWriter();
        var languageOption = new Option<string?>("--language", "-l");
        var root = new RootCommand { ModbusCommands.Build(languageOption, output) };

        var exitCode = await root.Parse(["modbus", .. arguments, "--language", language]).InvokeAsync();
        return (exitCode, output.ToString());
    }

    private string WriteConfig()
    {
        var yaml = SiteYamlForCli.Valid.Replace("PORT", Port, StringComparison.Ordinal);
        var path = Path.Combine(_directory, "campus.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    /// <summary>True when flock(1) can take the lock on <paramref name="path"/> at once, as the service's bus would.</summary>
    private static bool TryLock(string path)
    {
        using var probe = System.Diagnostics.Process.Start("flock", ["--nonblock", path, "true"]) ?? throw new InvalidOperationException("flock(1) did not start.");
        probe.WaitForExit();
        return probe.ExitCode == 0;
    }
}
