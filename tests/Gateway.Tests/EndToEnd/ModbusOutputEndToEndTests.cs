using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Gateway.Hosting;
using SmartCampus.Edge.TestPeers;

namespace SmartCampus.Edge.Gateway.Tests.EndToEnd;

/// <summary>
/// setOutput on a Modbus holding register, through the whole host against pymodbus: a CO2 rule closes a fresh-air
/// damper (register 10, 1 = open) while it is active, opens it on clear, and the stopping host drives it to its
/// safe value, open. With a number, the rule sets a fan speed in percent and returns it to its safe value.
/// </summary>
public sealed class ModbusOutputEndToEndTests
{
    private const ushort Damper = 10;

    private const string DamperAction = """
              - setOutput: ahu-1.damper
                value: false
                safeValue: true
        """;

    private const string FanSpeedAction = """
              - setOutput: ahu-1.damper
                value: 80
                safeValue: 20
        """;

    [Theory]
    [InlineData(DamperAction, 1, 0, 1)]
    [InlineData(FanSpeedAction, 35, 80, 20)]
    public async Task SetOutput_HoldsReleasesAndSafeValue(string action, ushort initial, ushort held, ushort released)
    {
        var directory = Directory.CreateTempSubdirectory("smartcampus-modbus-output-").FullName;
        await using var district = await MosquittoBroker.StartAsync();
        await using var sensor = await PymodbusServer.StartAsync(
            new PymodbusServerOptions { Port = LoopbackPort.Free(), HoldingRegisters = new Dictionary<ushort, ushort> { [0] = 400, [Damper] = initial } },
            CancellationToken.None);
        var yaml = Campus(district.Port, sensor.Port, LoopbackPort.Free(), action);
        var result = SiteConfigurationLoader.LoadFromText(yaml, "campus.yaml", directory, CultureInfo.GetCultureInfo("en"));
        Assert.True(result.IsValid, ConfigurationReport.Format(result));

        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 9, 1, 8, 0, 0, TimeSpan.Zero));
        using var host = GatewayHost.Build(result.Configuration!, new GatewayHostSettings
        {
            TimeProvider = clock,
            ConfigurationPath = Path.Combine(directory, "campus.yaml"),
            ReplaceStaticLogger = false,
            WriteLogToConsole = false,
        });
        await host.StartAsync();
        try
        {
            await sensor.SetHoldingRegistersAsync(0, [1800], CancellationToken.None);
            Assert.True(await AdvanceUntilAsync(clock, async () => await DamperAsync(sensor) == held), "the rule did not write its value");

            await sensor.SetHoldingRegistersAsync(0, [900], CancellationToken.None);
            Assert.True(await AdvanceUntilAsync(clock, async () => await DamperAsync(sensor) == released), "clearing did not return the register");

            await sensor.SetHoldingRegistersAsync(0, [1800], CancellationToken.None);
            Assert.True(await AdvanceUntilAsync(clock, async () => await DamperAsync(sensor) == held), "the rule did not write its value again");

            // Another write while the rule holds the register, so the stop below must write the safe value itself.
            await sensor.SetHoldingRegistersAsync(Damper, [initial], CancellationToken.None);
        }
        finally
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await host.StopAsync(timeout.Token);
        }

        // The rule still held the register: the stopping host drove it to safeValue (true is written as 1).
        Assert.Equal(released, await DamperAsync(sensor));
        Directory.Delete(directory, recursive: true);
    }

    private static async Task<ushort> DamperAsync(PymodbusServer sensor) =>
        (await sensor.GetHoldingRegistersAsync(Damper, 1, CancellationToken.None))[0];

    private static async Task<bool> AdvanceUntilAsync(FakeTimeProvider clock, Func<Task<bool>> condition)
    {
        for (var step = 0; step < 400; step++)
        {
            if (await condition())
            {
                return true;
            }

            clock.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Delay(20);
        }

        return false;
    }

    private static string Campus(int districtPort, int sensorPort, int campusPort, string action) => GatewayRig.SiteHead(districtPort, campusPort) + "\n" + $$"""
        devices:
          - id: ahu-1
            kind: modbus-tcp
            host: 127.0.0.1
            port: {{sensorPort}}
            unitId: 1
            pollInterval: 1s
            timeout: 30s
            points:
              - id: co2
                function: holding
                address: 0
                type: uint16
                unit: ppm
              - id: damper
                function: holding
                address: {{Damper}}
                type: uint16
        rules:
          - id: co2-damper
            kind: threshold
            point: ahu-1.co2
            above: 1500
            clearBelow: 1200
            severity: warning
            actions:
        {{action}}
        """;
}
