using System.Globalization;
using SmartCampus.Edge.Gateway.CommandLine;

namespace SmartCampus.Edge.Gateway.Tests.CommandLine;

/// <summary>Usage errors on the whole command line exit with code 2 and a hint, never 1 (a failed service) or a crash.</summary>
public sealed class UsageErrorTests
{
    [Fact]
    public async Task UnknownCommand_ExitsTwoWithHint()
    {
        var (exitCode, error) = await RunAsync("bogus");

        Assert.Equal(ExitCodes.InvalidConfiguration, exitCode);
        Assert.Contains("bogus", error, StringComparison.Ordinal);
        Assert.Contains("--help", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtraArgument_ExitsTwo()
    {
        // System.CommandLine takes "--bogus" as the file, so the error names the token left over.
        var (exitCode, error) = await RunAsync("check", "--bogus", "campus.yaml");

        Assert.Equal(ExitCodes.InvalidConfiguration, exitCode);
        Assert.Contains("campus.yaml", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--port", "70000")]
    [InlineData("--port", "0")]
    [InlineData("--tunnel-port", "65536")]
    public async Task ModbusPortOutOfRange_ExitsTwoNamingValue(string option, string value)
    {
        var (exitCode, error) = await RunAsync("modbus", "read", "--host", "127.0.0.1", option, value, "--address", "0");

        Assert.Equal(ExitCodes.InvalidConfiguration, exitCode);
        Assert.Contains($"{option} {value} is out of range", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("96000")]
    [InlineData("9601")]
    public async Task ModbusBaudTypo_ExitsTwoListingRates(string value)
    {
        var (exitCode, error) = await RunAsync("modbus", "read", "--serial", "/dev/ttyUSB0", "--baud", value, "--address", "0");

        Assert.Equal(ExitCodes.InvalidConfiguration, exitCode);
        Assert.Contains($"--baud {value} is not a baud rate RS485 field devices use", error, StringComparison.Ordinal);
        Assert.Contains("1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rules -l fr")]
    [InlineData("outbox --language fr")]
    [InlineData("rules -l fr --help")]
    [InlineData("modbus read --language=fr --help")]
    public async Task UnsupportedLanguage_ExitsTwoNamingChoices(string commandLine)
    {
        var (exitCode, error) = await RunAsync(commandLine.Split(' '));

        Assert.Equal(ExitCodes.InvalidConfiguration, exitCode);
        Assert.Contains("Language 'fr' is not supported. Use zh-CN or en.", error, StringComparison.Ordinal);
        Assert.Contains("--help", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnsupportedLanguage_InSystemLanguage()
    {
        var (exitCode, error) = await RunInAsync("zh-CN", "rules", "-l", "fr");

        Assert.Equal(ExitCodes.InvalidConfiguration, exitCode);
        Assert.Contains("不支持语言“fr”。请使用 zh-CN 或 en。", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfiguredLanguageUnsupported_HelpExitsTwo()
    {
        var configuration = Path.Combine(Directory.CreateTempSubdirectory("usage-language-").FullName, "campus.yaml");
        await File.WriteAllTextAsync(configuration, "gateway:\n  id: gw-01\n  language: fr\n");
        try
        {
            var (exitCode, error) = await RunAsync("outbox", "status", "--help", "-c", configuration);

            Assert.Equal(ExitCodes.InvalidConfiguration, exitCode);
            Assert.Contains("gateway.language 'fr'", error, StringComparison.Ordinal);
            Assert.Contains("Use zh-CN or en", error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(configuration)!, recursive: true);
        }
    }

    private static Task<(int ExitCode, string Error)> RunAsync(params string[] arguments) => RunInAsync("en", arguments);

    private static async Task<(int ExitCode, string Error)> RunInAsync(string systemLanguage, params string[] arguments)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(systemLanguage);
        try
        {
            var error = new StringWriter();
            var exitCode = await GatewayCommandLine.InvokeAsync(arguments, error);
            return (exitCode, error.ToString());
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
