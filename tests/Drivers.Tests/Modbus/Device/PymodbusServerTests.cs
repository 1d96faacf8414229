using System.Diagnostics;
using SmartCampus.Edge.Drivers.Modbus.Protocol;
using SmartCampus.Edge.Drivers.Modbus.Tcp;
using SmartCampus.Edge.Drivers.Tests.Modbus.Support;
using SmartCampus.Edge.TestPeers;

namespace SmartCampus.Edge.Drivers.Tests.Modbus.Device;

/// <summary>The pymodbus launcher itself: register map, runtime changes, restart, and the missing-package message.</summary>
public sealed class PymodbusServerTests
{
    [Fact]
    public async Task Start_ServesMapAndUnmappedIsIllegalAddress()
    {
        await using var server = await PymodbusServer.StartAsync(
            new PymodbusServerOptions
            {
                UnitId = 3,
                HoldingRegisters = new Dictionary<ushort, ushort> { [0] = 900, [1] = 215 },
                InputRegisters = new Dictionary<ushort, ushort> { [7] = 42 },
            },
            CancellationToken.None);
        await using var client = Client(server.Port);

        Assert.Equal(new ushort[] { 900, 215 }, await client.ReadHoldingRegistersAsync(3, 0, 2, CancellationToken.None));
        Assert.Equal(new ushort[] { 42 }, await client.ReadInputRegistersAsync(3, 7, 1, CancellationToken.None));
        var exception = await Assert.ThrowsAsync<ModbusExceptionResponseException>(
            () => client.ReadHoldingRegistersAsync(3, 1, 2, CancellationToken.None));
        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, exception.Code);
    }

    [Fact]
    public async Task Set_ChangesRegistersWhileRunning()
    {
        await using var server = await PymodbusServer.StartAsync(
            new PymodbusServerOptions { HoldingRegisters = new Dictionary<ushort, ushort> { [0] = 900 } },
            CancellationToken.None);
        await using var client = Client(server.Port);
        Assert.Equal(new ushort[] { 900 }, await client.ReadHoldingRegistersAsync(1, 0, 1, CancellationToken.None));

        await server.SetHoldingRegistersAsync(0, [1600, 7], CancellationToken.None);
        await server.SetInputRegistersAsync(4, [9], CancellationToken.None);

        Assert.Equal(new ushort[] { 1600, 7 }, await client.ReadHoldingRegistersAsync(1, 0, 2, CancellationToken.None));
        Assert.Equal(new ushort[] { 9 }, await client.ReadInputRegistersAsync(1, 4, 1, CancellationToken.None));

        await server.RemoveHoldingRegistersAsync(1, 1, CancellationToken.None);
        await Assert.ThrowsAsync<ModbusExceptionResponseException>(() => client.ReadHoldingRegistersAsync(1, 1, 1, CancellationToken.None));
    }

    [Fact]
    public async Task Restart_SamePortKeepsWrittenRegisters()
    {
        await using var server = await PymodbusServer.StartAsync(
            new PymodbusServerOptions { HoldingRegisters = new Dictionary<ushort, ushort> { [0] = 1, [1] = 2 } },
            CancellationToken.None);
        var port = server.Port;
        await using (var client = Client(port))
        {
            await client.WriteMultipleRegistersAsync(1, 0, new ushort[] { 11, 22 }, CancellationToken.None);
        }

        await server.StopAsync(CancellationToken.None);
        Assert.False(server.IsRunning);
        await server.StartAgainAsync(CancellationToken.None);

        Assert.Equal(port, server.Port);
        Assert.Equal(new ushort[] { 11, 22 }, await server.GetHoldingRegistersAsync(0, 2, CancellationToken.None));
    }

    [Fact]
    public async Task Script_WithoutPymodbusNamesPackage()
    {
        // -S leaves out site-packages and Debian's dist-packages, so the import fails as on a box without the package.
        var script = Path.Combine(AppContext.BaseDirectory, "peers", "modbus_server.py");
        var start = new ProcessStartInfo(PymodbusServer.PythonPath, ["-S", script]) { RedirectStandardError = true };
        using var process = Process.Start(start)!;

        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(3, process.ExitCode);
        Assert.Contains(PymodbusServer.InstallHint, error, StringComparison.Ordinal);
    }

    private static ModbusTcpClient Client(int port) =>
        new(
            new ModbusTcpClientOptions { DeviceId = "pymodbus", Host = "127.0.0.1", Port = port, Timeout = TimeSpan.FromSeconds(5) },
            TimeProvider.System,
            new RecordingLogger<ModbusTcpClient>());
}
