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
        // The demo campus sets gateway.language: zh-CN, and the process gets an English system language.
        var (exitCode, output, error) = await RunProcessAsync("modbus", "read", "--config", RepositoryRoot.DemoConfiguration, "--device", "no-such-device");
        var printed = output + error;

        Assert.Equal(ExitCodes.InvalidConfiguration, exitCode);
        Assert.Matches(Chinese(), printed);
        Assert.DoesNotContain("is not in campus.yaml", printed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SyntaxErrorInFileLanguage()
    {
        // The file cannot be parsed, so its gateway.language comes from the raw text; the system language is English.
        var directory = Directory.CreateTempSubdirectory("smartcampus-cli-language-").FullName;
        try
        {
            var config = Path.Combine(directory, "campus.yaml");
            await File.WriteAllTextAsync(config, "gateway:\n  id: gw-1\n  language: zh-CN\ndevices:\n  - id: a\n\tkind: gpio\n");

            var (exitCode, _, error) = await RunProcessAsync("run", "--config", config);

            Assert.Equal(ExitCodes.InvalidConfiguration, exitCode);
            Assert.Contains("站点配置存在问题，网关未启动：", error, StringComparison.Ordinal);
            Assert.Contains("YAML 语法错误", error, StringComparison.Ordinal);
            Assert.DoesNotContain("did not start", error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task ModbusRead_ZhCnRefusedPort()
    {
        var port = LoopbackPort.Free().ToString(CultureInfo.InvariantCulture);

        var (exitCode, output, _) = await RunProcessAsync("modbus", "read", "-l", "zh-CN", "--host", "127.0.0.1", "--port", port, "--address", "0");

        Assert.Equal(ExitCodes.DeviceRequestFailed, exitCode);
        Assert.Contains($"无法连接 127.0.0.1:{port}：连接被拒绝", output, StringComparison.Ordinal);
        Assert.Contains("请检查 --host 和 --port", output, StringComparison.Ordinal);
        Assert.DoesNotContain("unit-1", output, StringComparison.Ordinal);
        Assert.DoesNotContain("refused", output, StringComparison.OrdinalIgnoreCase);
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
        Assert.Contains("缺少参数：“smartcampus-edge check”需要 <文件>", missing, StringComparison.Ordinal);
        Assert.Contains("选项 --version 不能与其他参数一起使用", (await RunAsync("en", "-l", "zh-CN", "--version")).Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rules")]
    [InlineData("modbus")]
    [InlineData("switch")]
    [InlineData("devices")]
    [InlineData("gpio")]
    [InlineData("mqtt")]
    [InlineData("outbox")]
    [InlineData("console")]
    public async Task Language_AcceptedOnGroupCommand(string group)
    {
        var (exitCode, _, error) = await RunAsync("en", group, "-l", "zh-CN");
        var (helpCode, help, _) = await RunAsync("en", group, "--language", "zh-CN", "--help");

        Assert.Equal(ExitCodes.InvalidConfiguration, exitCode);
        Assert.Contains($"缺少命令：“smartcampus-edge {group}”", error, StringComparison.Ordinal);
        Assert.DoesNotContain("无法识别", error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, helpCode);
        Assert.Contains("-l, --language <语言>", help, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ZhCnRulesTestPlaceholdersAndTexts()
    {
        var (zhCode, zh, _) = await RunAsync("en", "-l", "zh-CN", "rules", "test", "--help");
        var (_, en, _) = await RunAsync("en", "rules", "test", "--help");

        Assert.Equal(ExitCodes.Success, zhCode);
        Assert.Contains("smartcampus-edge rules test <配置> <样本> [选项]", zh, StringComparison.Ordinal);
        Assert.Matches(@"<配置>\s+站点配置文件路径，用其中的规则处理采样数据", zh);
        Assert.DoesNotContain("要校验的站点配置文件路径", zh, StringComparison.Ordinal);
        Assert.Contains("--run-out <时长>", zh, StringComparison.Ordinal);
        Assert.Contains("smartcampus-edge rules test <config> <samples> [options]", en, StringComparison.Ordinal);
        Assert.Matches(@"<config>\s+Path of the site configuration file whose rules run against the samples", en);
    }

    [Fact]
    public async Task Help_ZhCnModbusOrderMatchesDescription()
    {
        var (code, help, _) = await RunAsync("en", "-l", "zh-CN", "modbus", "read", "--help");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Matches(@"--order <字节序>\s+字节序：ABCD", help);
    }

    [Theory]
    [InlineData("en", "Unrecognized command or argument 'chek'. Did you mean 'check'?", "chek", "campus.yaml")]
    [InlineData("zh-CN", "无法识别的命令或参数：“chek”。是不是想输入“check”？", "chek", "campus.yaml")]
    [InlineData("zh-CN", "无法识别的命令或参数：“tset”。是不是想输入“test”？", "rules", "tset")]
    [InlineData("zh-CN", "无法识别的命令或参数：“--langauge”。是不是想输入“--language”？", "outbox", "status", "--langauge", "en")]
    [InlineData("en", "Unrecognized command or argument 'wathc'. Did you mean 'watch'?", "mqtt", "wathc")]
    public async Task UnknownToken_SuggestsClosest(string language, string expected, params string[] arguments)
    {
        var (exitCode, _, error) = await RunAsync("en", ["-l", language, .. arguments]);

        Assert.Equal(ExitCodes.InvalidConfiguration, exitCode);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownToken_NoCloseName()
    {
        var (_, _, error) = await RunAsync("en", "-l", "zh-CN", "firmware");

        Assert.Contains("无法识别的命令或参数：“firmware”。", error, StringComparison.Ordinal);
        Assert.DoesNotContain("是不是想输入", error, StringComparison.Ordinal);
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

    /// <summary>
    /// Runs the command line as its own process with an English system language. The modbus commands print to the
    /// console, which a test cannot capture in-process.
    /// </summary>
    private static async Task<(int ExitCode, string Output, string Error)> RunProcessAsync(params string[] arguments)
    {
        var program = Path.Combine(AppContext.BaseDirectory, "smartcampus-edge.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["LANG"] = "en_US.UTF-8";
        start.Environment["LC_ALL"] = "en_US.UTF-8";
        start.ArgumentList.Add(program);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
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
