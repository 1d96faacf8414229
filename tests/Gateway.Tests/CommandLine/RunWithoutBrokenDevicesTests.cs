using System.Diagnostics;
using System.Globalization;
using System.Text;
using SmartCampus.Edge.Gateway.CommandLine;
using SmartCampus.Edge.Gateway.Tests.Configuration;
using SmartCampus.Edge.TestPeers;

namespace SmartCampus.Edge.Gateway.Tests.CommandLine;

/// <summary>
/// <c>smartcampus-edge run</c> as a real process on a campus.yaml whose air sensor entry is broken: it refuses without
/// the choice and starts without the sensor with <c>--without-broken-devices</c>.
/// </summary>
public sealed class RunWithoutBrokenDevicesTests : IDisposable
{
    private static readonly TimeSpan StartWait = TimeSpan.FromSeconds(60);

    private readonly string _directory = Directory.CreateTempSubdirectory("smartcampus-run-partial-").FullName;

    [Fact]
    public async Task NoChoice_Refuses()
    {
        var config = await WriteBrokenConfigurationAsync();

        using var process = Start("run", "--config", config, "-l", "en");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(StartWait);
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(ExitCodes.InvalidConfiguration, process.ExitCode);
        Assert.Contains("The gateway did not start because the site configuration has problems:", await error, StringComparison.Ordinal);
        Assert.Contains("or run once with --without-broken-devices.", await error, StringComparison.Ordinal);
        Assert.DoesNotContain("1108", await output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flag_StartsWithoutBrokenDevice()
    {
        var config = await WriteBrokenConfigurationAsync();
        var printed = new StringBuilder();

        using var process = Start("run", "--config", config, "-l", "en", "--without-broken-devices");
        process.OutputDataReceived += (_, line) => Append(printed, line.Data);
        process.ErrorDataReceived += (_, line) => Append(printed, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var started = await Eventually.WaitUntilAsync(() => Read(printed).Contains("started without devices air as chosen", StringComparison.Ordinal), StartWait);

            Assert.True(started, Read(printed));
            var text = Read(printed);
            Assert.Contains("As chosen, the gateway starts without those devices:", text, StringComparison.Ordinal);
            Assert.Matches(@"WRN\] 1108 SmartCampus\.Edge\.Gateway\.Configuration\.ConfigurationReport: Site configuration \S+campus\.yaml has problems; "
                + "started without devices air as chosen, leaving out rules co2-high and", text);
            Assert.False(process.HasExited, text);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private async Task<string> WriteBrokenConfigurationAsync()
    {
        var yaml = SiteYaml.With("address: 0", "address: 70000");
        yaml = SiteYaml.Replace(yaml, "port: 18830", "port: " + LoopbackPort.Free().ToString(CultureInfo.InvariantCulture));
        yaml = SiteYaml.Replace(yaml, "district:\n  host: 127.0.0.1", "district:\n  host: 127.0.0.1\n  port: " + LoopbackPort.Free().ToString(CultureInfo.InvariantCulture));
        var path = Path.Combine(_directory, "campus.yaml");
        await File.WriteAllTextAsync(path, yaml);
        return path;
    }

    private static Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "smartcampus-edge.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
    }

    private static void Append(StringBuilder printed, string? line)
    {
        lock (printed)
        {
            printed.AppendLine(line);
        }
    }

    private static string Read(StringBuilder printed)
    {
        lock (printed)
        {
            return printed.ToString();
        }
    }
}
