using System.Globalization;
using System.Text.RegularExpressions;
using SmartCampus.Edge.Gateway.CommandLine;

namespace SmartCampus.Edge.Gateway.Tests.Packaging;

/// <summary>The .deb built by packaging/build-deb.sh, read back with dpkg-deb, and the systemd unit checked by systemd-analyze.</summary>
[Collection(PublishedGatewayGroup.Name)]
public sealed partial class PackagingTests(PublishedGateway gateway) : IDisposable
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(2);

    private readonly string _directory = Directory.CreateTempSubdirectory("smartcampus-deb-").FullName;

    [Fact]
    public async Task Deb_HasControlFilesAndConffiles()
    {
        var deb = await gateway.GetDebAsync();

        var fields = await RunAsync("dpkg-deb", "--field", deb, "Package", "Architecture", "Depends");
        Assert.Contains("Package: smartcampus-edge", fields, StringComparison.Ordinal);
        Assert.Contains($"Architecture: {(gateway.RuntimeIdentifier == "linux-arm64" ? "arm64" : "amd64")}", fields, StringComparison.Ordinal);
        Assert.Contains("libicu72", fields, StringComparison.Ordinal);

        var contents = await RunAsync("dpkg-deb", "--contents", deb);
        Assert.Matches(@"-rwxr-xr-x root/root .* \./opt/smartcampus-edge/smartcampus-edge\n", contents);
        Assert.Contains("./lib/systemd/system/smartcampus-edge.service", contents, StringComparison.Ordinal);
        Assert.Contains("./lib/udev/rules.d/60-smartcampus-rs485.rules", contents, StringComparison.Ordinal);
        Assert.Contains("./etc/udev/rules.d/61-smartcampus-rs485-names.rules", contents, StringComparison.Ordinal);
        Assert.Contains("./opt/smartcampus-edge/demo/campus.yaml", contents, StringComparison.Ordinal);
        Assert.Contains("./opt/smartcampus-edge/profiles/co2-485-sensor.yaml", contents, StringComparison.Ordinal);
        Assert.Contains("./usr/bin/smartcampus-edge -> /opt/smartcampus-edge/smartcampus-edge", contents, StringComparison.Ordinal);
        Assert.Matches(@"-rw-r----- root/root .* \./etc/smartcampus-edge/campus\.yaml\n", contents);

        var control = Path.Combine(_directory, "control");
        await RunAsync("dpkg-deb", "--control", deb, control);
        var conffiles = await File.ReadAllLinesAsync(Path.Combine(control, "conffiles"));
        Assert.Equal(["/etc/smartcampus-edge/campus.yaml", "/etc/udev/rules.d/61-smartcampus-rs485-names.rules"], conffiles);
        foreach (var script in new[] { "postinst", "prerm", "postrm" })
        {
            Assert.True(OperatingSystem.IsLinux() && File.GetUnixFileMode(Path.Combine(control, script)).HasFlag(UnixFileMode.UserExecute), $"{script} is not executable.");
        }
    }

    [Fact]
    public async Task Deb_ConfigurationIsValidForPackagedBinary()
    {
        var deb = await gateway.GetDebAsync();
        var root = Path.Combine(_directory, "root");
        await RunAsync("dpkg-deb", "--extract", deb, root);

        var configuration = Path.Combine(root, "etc", "smartcampus-edge", "campus.yaml");
        Assert.Matches(@"(?m)^  dataDirectory: /var/lib/smartcampus-edge\b", await File.ReadAllTextAsync(configuration));

        var binary = Path.Combine(root, "opt", "smartcampus-edge", "smartcampus-edge");
        var check = await ScriptRun.RunAsync(binary, ["check", configuration, "--language", "en"], ExtractDirectory(), ToolTimeout);
        Assert.True(check.ExitCode == 0, check.Output);
        Assert.Contains("Configuration is valid.", check.Output, StringComparison.Ordinal);

        // The technician commands are registered in the shipped executable.
        var devices = await ScriptRun.RunAsync(binary, ["devices", "list", "--config", configuration, "--language", "en"], ExtractDirectory(), ToolTimeout);
        Assert.True(devices.ExitCode == 0, devices.Output);
        Assert.Contains("Device fire-panel (kind: gpio, driver: simulated)", devices.Output, StringComparison.Ordinal);

        // The same file with an empty data folder of its own: no outbox yet, so the command cannot open one.
        var emptyData = Path.Combine(_directory, "empty-data");
        var local = Path.Combine(_directory, "local.yaml");
        await File.WriteAllTextAsync(local, (await File.ReadAllTextAsync(configuration)).Replace("dataDirectory: /var/lib/smartcampus-edge", $"dataDirectory: {emptyData}", StringComparison.Ordinal));
        var outbox = await ScriptRun.RunAsync(binary, ["outbox", "status", "-c", local, "-l", "zh-CN"], ExtractDirectory(), ToolTimeout);
        Assert.Equal(ExitCodes.Unavailable, outbox.ExitCode);
        Assert.Contains($"{emptyData}/outbox.db 处没有离线缓存数据库", outbox.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unit_PassesSystemdAnalyze()
    {
        // verify checks that ExecStart exists, so the copy points at the published executable.
        var source = await File.ReadAllTextAsync(Path.Combine(Configuration.RepositoryRoot.Path, "hardware", "systemd", "smartcampus-edge.service"));
        var unit = Path.Combine(_directory, "smartcampus-edge.service");
        await File.WriteAllTextAsync(unit, source.Replace("/opt/smartcampus-edge/smartcampus-edge", gateway.ExecutablePath, StringComparison.Ordinal));

        var verify = await ScriptRun.RunAsync("systemd-analyze", ["verify", unit], null, ToolTimeout);
        Assert.True(verify.ExitCode == 0, "systemd-analyze verify failed (Debian package systemd):\n" + verify.Output);
        Assert.DoesNotContain("smartcampus-edge.service:", verify.Output, StringComparison.Ordinal);

        var security = await ScriptRun.RunAsync("systemd-analyze", ["security", "--offline=true", "--no-pager", unit], null, ToolTimeout);
        var exposure = ExposurePattern().Match(security.Output);
        Assert.True(exposure.Success, security.Output);
        var level = double.Parse(exposure.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(level <= 4.0, $"Exposure level {level} is above 4.0 (\"OK\" ends at 4.9; the hardening was weakened):\n{security.Output}");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private Dictionary<string, string> ExtractDirectory() => new() { ["DOTNET_BUNDLE_EXTRACT_BASE_DIR"] = Path.Combine(_directory, "bundle") };

    private static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var run = await ScriptRun.RunAsync(program, arguments, null, ToolTimeout);
        Assert.True(run.ExitCode == 0, $"{program} {string.Join(' ', arguments)} failed:\n{run.Output}");
        return run.Output;
    }

    [GeneratedRegex(@"Overall exposure level for .*: (\d+\.\d+)")]
    private static partial Regex ExposurePattern();
}
