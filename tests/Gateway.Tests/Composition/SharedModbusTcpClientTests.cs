using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Modbus.Simulation;
using SmartCampus.Edge.Drivers.Modbus.Tcp;
using SmartCampus.Edge.Gateway.Composition;
using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Gateway.Configuration.Model;
using SmartCampus.Edge.Gateway.Tests.Configuration;

namespace SmartCampus.Edge.Gateway.Tests.Composition;

/// <summary>
/// modbus-tcp devices at one host and port, as the unit ids behind one TCP-to-RTU converter are, get one shared client
/// from the device factory: one connection and one queue. A device alone at its address keeps its own.
/// </summary>
public sealed class SharedModbusTcpClientTests
{
    private static readonly TimeSpan Patient = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task SameEndpoint_SharesOneConnection()
    {
        await using var converter = new ModbusTcpSimulator(IPAddress.Loopback, 0, 1, holdingRegisterCount: 10);
        await converter.StartAsync(CancellationToken.None);
        converter.SetHoldingRegisters(0, 900, 215);
        // The simulator serves unit 1 only, so both devices use it here. The other tests vary the unit id.
        var site = Load(converter.Port, converter.Port, secondUnit: 1);

        var set = DeviceFactory.Create(site, new GatewayClock(TimeProvider.System, "share-boot"), NullLoggerFactory.Instance);
        var shared = Assert.Single(set.Registry.SharedTransports.OfType<ModbusTcpClient>());
        var devices = set.Registry.Drivers.OfType<ModbusTcpDevice>().ToDictionary(device => device.DeviceId);
        var sink = new RecordingSink();
        using var stop = new CancellationTokenSource();
        var runs = new[] { devices["room201"].RunAsync(sink, stop.Token), devices["room202"].RunAsync(sink, stop.Token) };
        try
        {
            Assert.True(
                await Eventually.WaitUntilAsync(() => Good(sink, "room201") >= 3 && Good(sink, "room202") >= 3, Patient),
                "The two devices behind one address did not both poll.");
            Assert.True(shared.IsConnected);
            Assert.Equal("127.0.0.1:" + converter.Port.ToString(CultureInfo.InvariantCulture), shared.Endpoint);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(runs).WaitAsync(Patient);
            foreach (var driver in set.Registry.Drivers)
            {
                await driver.DisposeAsync();
            }

            foreach (var transport in set.Registry.SharedTransports)
            {
                await transport.DisposeAsync();
            }
        }

        Assert.All(sink.Samples.Where(sample => sample.Point.Device == "room201" && sample.Quality == Quality.Good), sample => Assert.Equal(900, sample.Value.Number));
        Assert.All(sink.Samples.Where(sample => sample.Point.Device == "room202" && sample.Quality == Quality.Good), sample => Assert.Equal(215, sample.Value.Number));
    }

    [Fact]
    public void SameEndpointOtherUnits_ShareClient()
    {
        var set = DeviceFactory.Create(Load(15021, 15021, secondUnit: 2), new GatewayClock(TimeProvider.System, "share-boot"), NullLoggerFactory.Instance);

        var shared = Assert.Single(set.Registry.SharedTransports.OfType<ModbusTcpClient>());
        Assert.Equal("127.0.0.1:15021", shared.Endpoint);
        Assert.False(shared.IsConnected);
    }

    [Fact]
    public void OtherPort_GetsNoSharedClient()
    {
        var set = DeviceFactory.Create(Load(15021, 15022, secondUnit: 2), new GatewayClock(TimeProvider.System, "share-boot"), NullLoggerFactory.Instance);

        Assert.Empty(set.Registry.SharedTransports.OfType<ModbusTcpClient>());
    }

    private static int Good(RecordingSink sink, string device) =>
        sink.Samples.Count(sample => sample.Point.Device == device && sample.Quality == Quality.Good);

    private static SiteConfiguration Load(int firstPort, int secondPort, int secondUnit)
    {
        var result = SiteYaml.Load(Yaml(firstPort, secondPort, secondUnit));
        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        return result.Configuration!;
    }

    /// <summary>The test site with two more modbus-tcp devices at 127.0.0.1: unit 1 at one port, another unit at another.</summary>
    private static string Yaml(int firstPort, int secondPort, int secondUnit) => SiteYaml.With("rules:\n", string.Create(CultureInfo.InvariantCulture, $"""
          - id: room201
            kind: modbus-tcp
            host: 127.0.0.1
            port: {firstPort}
            unitId: 1
            pollInterval: 100ms
            points:
              - id: co2
                function: holding
                address: 0
                type: uint16
          - id: room202
            kind: modbus-tcp
            host: 127.0.0.1
            port: {secondPort}
            unitId: {secondUnit}
            pollInterval: 100ms
            points:
              - id: co2
                function: holding
                address: 1
                type: uint16
        rules:

        """));
}
