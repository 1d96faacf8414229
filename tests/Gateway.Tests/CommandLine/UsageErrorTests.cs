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

    private static async Task<(int ExitCode, string Error)> RunAsync(params string[] arguments)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
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
