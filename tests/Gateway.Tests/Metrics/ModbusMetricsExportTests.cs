using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Modbus.Points;
using SmartCampus.Edge.Drivers.Modbus.Protocol;
using SmartCampus.Edge.Drivers.Modbus.Simulation;
using SmartCampus.Edge.Drivers.Modbus.Tcp;
using SmartCampus.Edge.Gateway.WebConsole.Metrics;

namespace SmartCampus.Edge.Gateway.Tests.Metrics;

/// <summary>
/// The Modbus driver's request, error and latency instruments as the console's /metrics exports them, after real reads
/// of an in-process Modbus TCP server: one that returns data and one that the server rejects with an exception response.
/// </summary>
public sealed class ModbusMetricsExportTests
{
    [Fact]
    public async Task Scrape_ShowsRequestsErrorsAndLatency()
    {
        var deviceId = "meter-" + Guid.NewGuid().ToString("N")[..8];
        using var exporter = new PrometheusExporter();
        await using var server = new ModbusTcpSimulator(IPAddress.Loopback, 0, 1, holdingRegisterCount: 10);
        await server.StartAsync(CancellationToken.None);
        server.SetHoldingRegister(0, 900);

        var options = new ModbusTcpDeviceOptions
        {
            DeviceId = deviceId,
            Host = "127.0.0.1",
            Port = server.Port,
            Points =
            [
                new ModbusPointOptions { Name = "co2", Address = 0 },
                new ModbusPointOptions { Name = "missing", Address = 50 },
            ],
        };
        await using var device = new ModbusTcpDevice(options, new GatewayClock(TimeProvider.System, "metrics-boot"), NullLogger<ModbusTcpDevice>.Instance);

        var good = await device.ReadPointAsync("co2", CancellationToken.None);
        var rejected = await device.ReadPointAsync("missing", CancellationToken.None);
        var text = exporter.Scrape();

        Assert.Equal(Quality.Good, good.Sample.Quality);
        Assert.Equal(Quality.Bad, rejected.Sample.Quality);
        Assert.IsType<ModbusExceptionResponseException>(rejected.Error);
        Assert.Contains($"modbus_client_requests_total{{device=\"{deviceId}\"}} 2\n", text, StringComparison.Ordinal);
        Assert.Contains($"modbus_client_errors_total{{device=\"{deviceId}\",kind=\"exception_response\"}} 1\n", text, StringComparison.Ordinal);
        Assert.Contains($"modbus_client_latency_ms_count{{device=\"{deviceId}\"}} 2\n", text, StringComparison.Ordinal);
    }
}
