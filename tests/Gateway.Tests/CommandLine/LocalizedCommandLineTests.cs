using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using SmartCampus.Edge.Gateway.CommandLine;
using SmartCampus.Edge.Gateway.Tests.Configuration;

namespace SmartCampus.Edge.Gateway.Tests.CommandLine;

/// <summary>Help and usage errors of the whole command line in zh-CN without English from System.CommandLine, and unchanged in en.</summary>
public sealed partial class LocalizedCommandLineTests
{
    /// <summary>Texts System.CommandLine prints on its own; none may reach a technician who chose zh-CN.</summary>
    private static readonly string[] DefaultEnglish =
    [
        "Description", "Usage", "Options", "Commands", "Arguments", "[command]", "[options]", "Show help", "Show version",
        "Unrecognized", "Required", "is required", "Cannot parse", "argument", "option '", "cannot be combined",
    ];

    [Theory]
    [InlineData("-l", "zh-CN", "--help")]
    [InlineData("--language=zh-CN", "-h")]
    [InlineData("switch", "power-cycle", "-l", "zh-CN", "--help")]
    [InlineData("modbus", "read", "--help", "-l", "zh-CN")]
    public async Task Help_ZhCnHasNoDefaultEnglish(params string[] arguments)
    {
        var (exitCode, output, error) = await RunAsync("en", arguments);

        Assert.True(exitCode == ExitCodes.Success, error);
        Assert.Contains("用法：", output, StringComparison.Ordinal);
        Assert.Contains("选项：", output, StringComparison.Ordinal);
        Assert.Contains("显示帮助和用法", output, StringComparison.Ordinal);
        AssertNoDefaultEnglish(output);

        // Every described line (two columns, or a description) carries Chinese text.
        foreach (var line in DescribedLines(output))
        {
            Assert.Matches(Chinese(), line);
        }
    }

    [Fact]
    public async Task Help_ZhCnFromConfigurationFile()
    {
        var directory = Directory.CreateTempSubdirectory("smartcampus-cli-language-").FullName;
        try
        {
            var config = Path.Combine(directory, "campus.yaml");
            await File.WriteAllTextAsync(config, "gateway:\n  id: gw-1\n  language: zh-CN\n");

            var (exitCode, output, _) = await RunAsync("en", "switch", "power-cycle", "-c", config, "--help");

            Assert.Equal(ExitCodes.Success, exitCode);
            Assert.Contains("用法：", output, StringComparison.Ordinal);
            AssertNoDefaultEnglish(output);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task ModbusRead_ZhCnFromConfigurationFile()
    {
        // The commands print to the console, so the command line runs as its own process. The demo campus sets
        // gateway.language: zh-CN, and the process gets an English system language.
        var program = Path.Combine(AppContext.BaseDirectory, "smartcampus-edge.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["LANG"] = "en_US.UTF-8";
        start.Environment["LC_ALL"] = "en_US.UTF-8";
        foreach (var argument in new[] { program, "modbus", "read", "--config", RepositoryRoot.DemoConfiguration, "--device", "no-such-device" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        var printed = await output + await error;

        Assert.Equal(ExitCodes.InvalidConfiguration, process.ExitCode);
        Assert.Matches(Chinese(), printed);
        Assert.DoesNotContain("is not in campus.yaml", printed, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("check")]
    [InlineData("rules")]
    [InlineData("modbus", "read", "--host", "127.0.0.1", "--address", "abc")]
    [InlineData("modbus", "read", "--host")]
    [InlineData("modbus", "read", "--host", "127.0.0.1", "--port", "x", "--address", "0")]
    [InlineData("switch", "power-cycle", "sw1")]
    [InlineData("--version")]
    public async Task UsageError_ZhCnHasNoDefaultEnglish(params string[] arguments)
    {
        var (exitCode, output, error) = await RunAsync("en", ["-l", "zh-CN", .. arguments]);

        Assert.Equal(ExitCodes.InvalidConfiguration, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Matches(Chinese(), error);
        AssertNoDefaultEnglish(error);
    }

    [Fact]
    public async Task UsageError_ZhCnNamesWhatIsWrong()
    {
        var (_, _, unknown) = await RunAsync("en", "-l", "zh-CN", "--bogus");
        var (_, _, missing) = await RunAsync("en", "-l", "zh-CN", "check");

        Assert.Contains("无法识别的命令或参数：“--bogus”", unknown, StringComparison.Ordinal);
        Assert.Contains("缺少参数：“smartcampus-edge check”需要 <file>", missing, StringComparison.Ordinal);
        Assert.Contains("选项 --version 不能与其他参数一起使用", (await RunAsync("en", "-l", "zh-CN", "--version")).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_EnKeepsSystemCommandLineLayout()
    {
        var (exitCode, output, _) = await RunAsync("en", "check", "--help");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("Description:\n  Validate a site configuration", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("Usage:\n  smartcampus-edge check <file> [options]\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Matches(@"Arguments:\n  <file>\s+Path of", output.ReplaceLineEndings("\n"));
        Assert.Matches(@"Options:\n  -l, --language <language>\s+Language of operator messages.*\n  -\?, -h, --help\s+Show help and usage information\n", output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task UsageError_EnKeepsSystemCommandLineWording()
    {
        var (_, _, unknown) = await RunAsync("en", "--bogus");
        var (_, _, missing) = await RunAsync("en", "check");

        Assert.Contains("Unrecognized command or argument '--bogus'.", unknown, StringComparison.Ordinal);
        Assert.Contains("Required argument missing for command: 'smartcampus-edge check'", missing, StringComparison.Ordinal);
        Assert.DoesNotMatch(Chinese(), unknown + missing);
    }

    private static void AssertNoDefaultEnglish(string text)
    {
        foreach (var english in DefaultEnglish)
        {
            Assert.False(text.Contains(english, StringComparison.OrdinalIgnoreCase), $"\"{english}\" in:\n{text}");
        }
    }

    /// <summary>Lines after a heading, without the usage line (which is the command itself).</summary>
    private static IEnumerable<string> DescribedLines(string output)
    {
        var heading = string.Empty;
        foreach (var line in output.ReplaceLineEndings("\n").Split('\n'))
        {
            if (line.Length > 0 && line[0] != ' ')
            {
                heading = line;
            }
            else if (line.Length > 0 && heading != "用法：")
            {
                yield return line;
            }
        }
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string systemLanguage, params string[] arguments)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(systemLanguage);
        try
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var exitCode = await GatewayCommandLine.InvokeAsync(arguments, error, output);
            return (exitCode, output.ToString(), error.ToString());
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();
}
