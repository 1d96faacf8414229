using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SmartCampus.Edge.Gateway.CommandLine;
using SmartCampus.Edge.Gateway.CommandLine.Switch;
using SmartCampus.Edge.Gateway.Configuration;

namespace SmartCampus.Edge.Gateway.Tests.CommandLine.Switch;

/// <summary><c>switch power-cycle</c> against a real pymodbus server acting as a PoE switch with the switch-poe-8 profile.</summary>
public sealed class PowerCycleCommandTests : IAsyncLifetime
{
    private const ushort PoeBase = 16;

    private readonly string _directory = Directory.CreateTempSubdirectory("smartcampus-switch-cli-").FullName;
    private PymodbusServer? _server;

    private PymodbusServer Server => _server ?? throw new InvalidOperationException("Not started.");

    private string DataDirectory => Path.Combine(_directory, "data");

    public async Task InitializeAsync()
    {
        var holding = new Dictionary<ushort, ushort> { [0] = 0xFF };
        for (ushort port = 0; port < 8; port++)
        {
            holding[(ushort)(PoeBase + port)] = 1;
        }

        _server = await PymodbusServer.StartAsync(new PymodbusServerOptions { UnitId = 1, HoldingRegisters = holding }, CancellationToken.None);
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
    public async Task PowerCycle_OffThenOn()
    {
        var config = WriteConfig();
        var watch = Stopwatch.StartNew();
        var run = RunAsync("sw1", "2", "--off-for", "1s", "-c", config);

        var offSeenAt = await WaitForPoeAsync(port: 2, value: 0);
        var (exitCode, output) = await run;
        var total = watch.Elapsed;

        Assert.True(exitCode == ExitCodes.Success, output);
        Assert.Equal([1], await Server.GetHoldingRegistersAsync(PoeBase + 1, 1, CancellationToken.None));
        Assert.True(total - offSeenAt >= TimeSpan.FromSeconds(0.9), $"on again {(total - offSeenAt).TotalMilliseconds} ms after off was seen");
        Assert.True(total < TimeSpan.FromSeconds(10), $"took {total.TotalSeconds} s");
        Assert.Matches(@"PoE on again on sw1\.poe2 after 1\.\d s off; reads back 1", output);
        Assert.Contains("recorded in the audit log", output, StringComparison.Ordinal);
        Assert.Contains("sw1.poe2 started by user", AuditText(), StringComparison.Ordinal);
        Assert.Contains("sw1.poe2 ended", AuditText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PowerCycle_ZhCnByPointId()
    {
        var config = WriteConfig();

        var (exitCode, output) = await RunAsync(["sw1", "poe4", "--off-for", "1s", "-c", config], "zh-CN");

        Assert.True(exitCode == ExitCodes.Success, output);
        Assert.Contains("sw1.poe4 断电", output, StringComparison.Ordinal);
        Assert.Contains("已重新上电", output, StringComparison.Ordinal);
        Assert.Contains("审计日志", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownDevice_Exit2WithFix()
    {
        var config = WriteConfig();

        var (exitCode, output) = await RunAsync("sw9", "2", "-c", config);

        Assert.Equal(ExitCodes.InvalidConfiguration, exitCode);
        Assert.Contains("No Modbus switch \"sw9\"", output, StringComparison.Ordinal);
        Assert.Contains("Switches with PoE points: sw1.", output, StringComparison.Ordinal);
        Assert.Contains("profile: switch-poe-8", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownPort_Exit2WithFix()
    {
        var config = WriteConfig();

        var (exitCode, output) = await RunAsync("sw1", "12", "-c", config);

        Assert.Equal(ExitCodes.InvalidConfiguration, exitCode);
        Assert.Contains("looked for point \"poe12\"", output, StringComparison.Ordinal);
        Assert.Contains("poe1, poe2", output, StringComparison.Ordinal);
        Assert.Contains("Name the point poeN", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LinkBitPoint_Exit2NotSwitchable()
    {
        var config = WriteConfig();

        var (exitCode, output) = await RunAsync("sw1", "port2", "-c", config);

        Assert.Equal(ExitCodes.InvalidConfiguration, exitCode);
        Assert.Contains("sw1.port2 cannot switch power", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LifeSafety_RefusedWithoutForce()
    {
        var config = WriteConfig();

        var (exitCode, output) = await RunAsync("sw1", "3", "--off-for", "1s", "-c", config);

        Assert.Equal(ExitCodes.InvalidConfiguration, exitCode);
        Assert.Contains("Refused: port sw1.poe3 is marked lifeSafety: true", output, StringComparison.Ordinal);
        Assert.Contains("--force", output, StringComparison.Ordinal);
        Assert.Equal([1], await Server.GetHoldingRegistersAsync(PoeBase + 2, 1, CancellationToken.None));
    }

    [Fact]
    public async Task LifeSafety_ForcedIsAudited()
    {
        var config = WriteConfig();

        var (exitCode, output) = await RunAsync("sw1", "3", "--off-for", "1s", "--force", "-c", config);

        Assert.True(exitCode == ExitCodes.Success, output);
        Assert.Contains("feeds a life-safety device; power-cycle forced", output, StringComparison.Ordinal);
        Assert.Contains("sw1.poe3 feeds a life-safety device; power-cycle forced by user", AuditText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusedRequest_Exit5()
    {
        var config = WriteConfig();

        var (exitCode, output) = await RunAsync("sw1", "9", "--off-for", "1s", "-c", config);

        Assert.Equal(ExitCodes.DeviceRequestFailed, exitCode);
        Assert.Contains("Switching PoE off on sw1.poe9", output, StringComparison.Ordinal);
        Assert.Contains("The port was not changed.", output, StringComparison.Ordinal);
        Assert.Contains("sw1.poe9 failed at step off", AuditText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeviceGone_Exit5()
    {
        var config = WriteConfig();
        await Server.StopAsync(CancellationToken.None);

        var (exitCode, output) = await RunAsync("sw1", "2", "--off-for", "1s", "-c", config);

        Assert.Equal(ExitCodes.DeviceRequestFailed, exitCode);
        Assert.Contains("Switching PoE off on sw1.poe2", output, StringComparison.Ordinal);
        Assert.Contains("The port was not changed.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("..", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.5s")]
    [InlineData("61s")]
    [InlineData("5")]
    public async Task OffFor_OutOfRangeExit2(string offFor)
    {
        var config = WriteConfig();

        var (exitCode, output) = await RunAsync("sw1", "2", "--off-for", offFor, "-c", config);

        Assert.Equal(ExitCodes.InvalidConfiguration, exitCode);
        Assert.Contains($"--off-for \"{offFor}\" is not valid", output, StringComparison.Ordinal);
        Assert.Equal([1], await Server.GetHoldingRegistersAsync(PoeBase + 1, 1, CancellationToken.None));
    }

    [Fact]
    public async Task AuditFolderUnwritable_Exit6()
    {
        // A file where the logs folder belongs makes the audit log impossible, even when the tests run as root.
        Directory.CreateDirectory(DataDirectory);
        await File.WriteAllTextAsync(Path.Combine(DataDirectory, "logs"), "not a folder");
        var config = WriteConfig();

        var (exitCode, output) = await RunAsync("sw1", "2", "--off-for", "1s", "-c", config);

        Assert.Equal(ExitCodes.Unavailable, exitCode);
        Assert.Contains("Cannot write the technician audit log", output, StringComparison.Ordinal);
        Assert.Equal([1], await Server.GetHoldingRegistersAsync(PoeBase + 1, 1, CancellationToken.None));
    }

    [Fact]
    public async Task CtrlCDuringOff_Exit130PortOn()
    {
        var config = WriteConfig();
        using var ctrlC = new CancellationTokenSource();
        var run = RunAsync(["sw1", "2", "--off-for", "30s", "-c", config], "en", ctrlC.Token);

        await WaitForPoeAsync(port: 2, value: 0);
        var watch = Stopwatch.StartNew();
        await ctrlC.CancelAsync();
        var (exitCode, output) = await run;

        Assert.True(exitCode == ExitCodes.Cancelled, output);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed.TotalSeconds} s after Ctrl+C");
        Assert.Equal([1], await Server.GetHoldingRegistersAsync(PoeBase + 1, 1, CancellationToken.None));
        Assert.Contains("Power-cycle cancelled: PoE on again on sw1.poe2", output, StringComparison.Ordinal);
        Assert.Contains("\"event\":\"PowerCycleCancelled\"", AuditText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SigintToProcess_Exit130PortOn()
    {
        var config = WriteConfig();
        var program = Path.Combine(AppContext.BaseDirectory, "smartcampus-edge.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { program, "switch", "power-cycle", "sw1", "2", "--off-for", "30s", "-c", config, "-l", "zh-CN" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        await WaitForPoeAsync(port: 2, value: 0);
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == ExitCodes.Cancelled, await output + await process.StandardError.ReadToEndAsync());
        Assert.Equal([1], await Server.GetHoldingRegistersAsync(PoeBase + 1, 1, CancellationToken.None));
        Assert.Contains("断电重启已取消", await output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_ZhCnFailureIsEnglishJson()
    {
        var config = WriteConfig();

        var (exitCode, output) = await RunAsync(["sw1", "9", "--off-for", "1s", "-c", config], "zh-CN");

        Assert.Equal(ExitCodes.DeviceRequestFailed, exitCode);
        Assert.Contains("端口未改变", output, StringComparison.Ordinal);
        var lines = AuditText().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        foreach (var line in lines)
        {
            using var record = JsonDocument.Parse(line);
            var root = record.RootElement;
            Assert.True(DateTimeOffset.TryParse(root.GetProperty("time").GetString(), CultureInfo.InvariantCulture, out _), line);
            Assert.Equal(JsonValueKind.Number, root.GetProperty("eventId").ValueKind);
            Assert.Equal("sw1", root.GetProperty("fields").GetProperty("DeviceId").GetString());
            Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", line);
        }

        using var failed = JsonDocument.Parse(lines[1]);
        Assert.Equal("PowerCycleFailed", failed.RootElement.GetProperty("event").GetString());
        Assert.Equal("off", failed.RootElement.GetProperty("fields").GetProperty("Step").GetString());
        Assert.StartsWith("PoE power-cycle of sw1.poe9 failed at step off: ", failed.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void LifeSafety_NotBooleanIsAProblem()
    {
        var path = WriteConfig().Replace("campus.yaml", "bad.yaml", StringComparison.Ordinal);
        File.WriteAllText(path, Yaml().Replace("lifeSafety: true", "lifeSafety: maybe", StringComparison.Ordinal));

        var result = SiteConfigurationLoader.Load(path, CultureInfo.GetCultureInfo("en"));

        Assert.False(result.IsValid);
        Assert.Contains(result.Problems, problem => problem.Path.EndsWith("lifeSafety", StringComparison.Ordinal));
    }

    /// <summary>Polls the server until the port's PoE register holds <paramref name="value"/>; returns when, from the test's start.</summary>
    private async Task<TimeSpan> WaitForPoeAsync(int port, ushort value)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(10))
        {
            var registers = await Server.GetHoldingRegistersAsync((ushort)(PoeBase + port - 1), 1, CancellationToken.None);
            if (registers[0] == value)
            {
                return watch.Elapsed;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"poe{port} never read {value}");
    }

    private string AuditText()
    {
        var files = Directory.GetFiles(Path.Combine(DataDirectory, "logs"), "technician-*.log");
        Assert.Single(files);
        return File.ReadAllText(files[0]);
    }

    private static Task<(int ExitCode, string Output)> RunAsync(params string[] arguments) => RunAsync(arguments, "en");

    private static async Task<(int ExitCode, string Output)> RunAsync(string[] arguments, string language, CancellationToken ctrlC = default)
    {
        var output = new StringWriter();
        var languageOption = new Option<string?>("--language", "-l");
        var root = new RootCommand { SwitchCommands.Build(languageOption, output) };

        var parseResult = root.Parse(["switch", "power-cycle", .. arguments, "--language", language]);
        var exitCode = await parseResult.InvokeAsync(GatewayCommandLine.InvocationFor(parseResult), ctrlC);
        return (exitCode, output.ToString());
    }

    private string WriteConfig()
    {
        var path = Path.Combine(_directory, "campus.yaml");
        File.WriteAllText(path, Yaml());
        return path;
    }

    private string Yaml() => $$"""
        school:
          id: test-school
          name: 测试小学
        gateway:
          id: gw-01
          dataDirectory: {{DataDirectory}}
        campusBroker:
          mode: embedded
          host: 127.0.0.1
          port: 18830
          username: gateway
          password: test-broker-secret
        district:
          host: 127.0.0.1
        devices:
          - id: sw1
            kind: modbus-tcp
            host: 127.0.0.1
            port: {{Server.Port.ToString(CultureInfo.InvariantCulture)}}
            unitId: 1
            profile: switch-poe-8
            points:
              - {id: poe3, function: holding, address: 18, type: uint16, lifeSafety: true}
              - {id: poe9, function: holding, address: 99, type: uint16}
          - id: panel
            kind: gpio
            driver: simulated
            points:
              - id: door
                pin: 17
                direction: input
        """;
}
