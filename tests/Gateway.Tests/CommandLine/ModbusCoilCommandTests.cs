using System.CommandLine;
using SmartCampus.Edge.Gateway.CommandLine;
using SmartCampus.Edge.Gateway.CommandLine.Modbus;

namespace SmartCampus.Edge.Gateway.Tests.CommandLine;

/// <summary>
/// `modbus read` and `modbus write` on coils and discrete inputs of a pymodbus RTU server on a pseudo-terminal pair.
/// The checks read the server's coils and compare outputs with each other, so they pass whatever the output's wording.
/// </summary>
public sealed class ModbusCoilCommandTests : IAsyncLifetime
{
    private const byte Unit = 4;

    private SocatPair? _pair;
    private PymodbusRtuServer? _server;

    private string SerialPath => _pair?.PathB ?? throw new InvalidOperationException("Not started.");

    private PymodbusRtuServer Server => _server ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        _pair = await SocatPair.StartAsync(CancellationToken.None);
        _server = await PymodbusRtuServer.StartAsync(
            new PymodbusRtuServerOptions
            {
                SerialPath = _pair.PathA,
                UnitIds = [Unit],
                Coils = new Dictionary<ushort, bool> { [5] = false, [6] = false, [7] = true },
                DiscreteInputs = new Dictionary<ushort, bool> { [5] = true, [6] = false },
            },
            CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_pair is not null)
        {
            await _pair.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("on")]
    [InlineData("1")]
    public async Task Write_CoilOnThenOff(string on)
    {
        var (onExit, _) = await RunAsync("write", "--serial", SerialPath, "--unit", "4", "--function", "coil", "--address", "6", "--value", on);

        Assert.Equal(ExitCodes.Success, onExit);
        Assert.Equal(new[] { false, true, true }, await Server.GetBitsAsync(Unit, "co", 5, 3, CancellationToken.None));

        var (offExit, _) = await RunAsync("write", "--serial", SerialPath, "--unit", "4", "--function", "coil", "--address", "6", "--value", "off");

        Assert.Equal(ExitCodes.Success, offExit);
        Assert.Equal(new[] { false, false, true }, await Server.GetBitsAsync(Unit, "co", 5, 3, CancellationToken.None));
    }

    [Fact]
    public async Task Write_CoilRejectsNumber()
    {
        var (exitCode, _) = await RunAsync("write", "--serial", SerialPath, "--unit", "4", "--function", "coil", "--address", "6", "--value", "5");

        Assert.Equal(ExitCodes.InvalidConfiguration, exitCode);
        Assert.Equal(new[] { false, false, true }, await Server.GetBitsAsync(Unit, "co", 5, 3, CancellationToken.None));
    }

    [Theory]
    [InlineData("coil", "co")]
    [InlineData("discrete", "di")]
    public async Task Read_BitFollowsDevice(string function, string bank)
    {
        // Coil 5 starts off and discrete input 5 on. The output must change when the device's bit flips, and only then.
        var initial = (await Server.GetBitsAsync(Unit, bank, 5, 1, CancellationToken.None))[0];
        var (firstExit, first) = await RunAsync("read", "--serial", SerialPath, "--unit", "4", "--function", function, "--address", "5");
        var (_, again) = await RunAsync("read", "--serial", SerialPath, "--unit", "4", "--function", function, "--address", "5");

        await Server.SetBitsAsync(Unit, bank, 5, [!initial], CancellationToken.None);
        var (flippedExit, flipped) = await RunAsync("read", "--serial", SerialPath, "--unit", "4", "--function", function, "--address", "5");

        Assert.Equal(ExitCodes.Success, firstExit);
        Assert.Equal(ExitCodes.Success, flippedExit);
        Assert.Equal(first, again);
        Assert.NotEqual(first, flipped);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var output = new StringWriter();
        var languageOption = new Option<string?>("--language", "-l");
        var root = new RootCommand { ModbusCommands.Build(languageOption, output) };

        var exitCode = await root.Parse(["modbus", .. arguments, "--language", "en"]).InvokeAsync();
        return (exitCode, output.ToString());
    }
}
