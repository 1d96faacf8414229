using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.Composition;
using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Gateway.Configuration.Model;
using SmartCampus.Edge.Gateway.Configuration.Model.Devices;
using SmartCampus.Edge.Gateway.Pipeline;
using SmartCampus.Edge.Gateway.WebConsole.Devices;
using SmartCampus.Edge.Gateway.WebConsole.History;

namespace SmartCampus.Edge.Benchmarks.Gateway;

/// <summary>
/// Live managed heap per point of the gateway-scale campus (500 devices, 10,000 points), built through the gateway's
/// own types in this process: the site configuration read from the same YAML, the drivers that
/// <see cref="DeviceFactory"/> makes from it (not started), the point table with one sample per point, the console
/// history after one value and after 60 values per point, and one open devices page after its first update. Each
/// stage is the growth of <see cref="GC.GetTotalMemory(bool)"/> after full collections, divided by the number of
/// points, while every earlier stage stays reachable. A heap measurement does not depend on the machine's load.
/// </summary>
public sealed class PointMemoryScenario : IScenario
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    public string Name => "point-memory";

    public string Description => "Live managed heap per point of the 10,000-point campus: configuration, drivers, point table, history, devices page";

    public Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var campus = new ScaleCampus();
        var yaml = campus.Yaml([.. Enumerable.Range(15_100, campus.ModbusServers)], 15_001, 15_002, 15_003);
        var directory = Directory.CreateTempSubdirectory("smartcampus-point-memory-").FullName;
        try
        {
            // The first build only warms up: static caches, resources and JIT-time allocations would otherwise be
            // counted in the first stage that touches them.
            Measure(yaml, directory, output: null);
            Measure(yaml, directory, output);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }

        return Task.CompletedTask;
    }

    private static void Measure(string yaml, string directory, TextWriter? output)
    {
        var stages = new List<(string Stage, long Bytes)>();
        var heap = Heap();

        var site = SiteConfigurationLoader.LoadFromText(yaml, "campus.yaml", directory, CultureInfo.InvariantCulture).Configuration
            ?? throw new InvalidOperationException("The scale campus configuration is invalid.");
        heap = Record(stages, "site configuration", heap);

        var drivers = DeviceFactory.Create(site, new GatewayClock(TimeProvider.System, "bench"), NullLoggerFactory.Instance);
        heap = Record(stages, "drivers (not started)", heap);

        var samples = Samples(site, round: 0);
        var table = new PointTable();
        foreach (var sample in samples)
        {
            table.Update(sample);
        }

        // The samples stay reachable through the table only, as a driver's readings do.
        samples = [];
        heap = Record(stages, "point table, one sample per point", heap);

        var history = new PointHistory(TimeSpan.FromHours(6), TimeSpan.FromMinutes(1));
        foreach (var sample in table.Snapshot())
        {
            history.Offer(sample);
        }

        heap = Record(stages, "console history, 1 value per point", heap);

        for (var round = 1; round < 60; round++)
        {
            foreach (var sample in Samples(site, round))
            {
                history.Offer(sample);
            }
        }

        heap = Record(stages, "console history, 60 values per point", heap);

        var page = new PointStreamState();
        page.WriteChangesAsync(table.Snapshot(), site, new DeviceStatusTable(), Stream.Null, CancellationToken.None).GetAwaiter().GetResult();
        heap = Record(stages, "devices page after its first update", heap);

        if (output is null)
        {
            return;
        }

        var points = table.Count;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{points} points on {site.Devices.Count} devices"));
        foreach (var (stage, bytes) in stages)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {stage,-40} {bytes / (double)points,7:F0} B per point {bytes / 1e6,7:F2} MB"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {"all stages",-40} {stages.Sum(stage => stage.Bytes) / (double)points,7:F0} B per point {stages.Sum(stage => stage.Bytes) / 1e6,7:F2} MB"));
        GC.KeepAlive(drivers);
        GC.KeepAlive(history);
        GC.KeepAlive(page);
    }

    private static long Heap() => GC.GetTotalMemory(forceFullCollection: true);

    private static long Record(List<(string Stage, long Bytes)> stages, string stage, long before)
    {
        var after = Heap();
        stages.Add((stage, after - before));
        return after;
    }

    /// <summary>One good numeric sample per configured point, with the configuration's id strings as a driver uses them.</summary>
    private static List<Sample> Samples(SiteConfiguration site, int round)
    {
        var time = Start.AddMinutes(round);
        var stamp = new MonotonicStamp("bench", TimeSpan.FromMinutes(round));
        var samples = new List<Sample>();
        foreach (var device in site.Devices)
        {
            foreach (var point in PointNames(device))
            {
                samples.Add(new Sample(new PointId(device.Id, point), PointValue.FromNumber(400 + round), Quality.Good, time, stamp));
            }
        }

        return samples;
    }

    private static IEnumerable<string> PointNames(DeviceConfiguration device) => device switch
    {
        ModbusTcpDeviceConfiguration modbus => modbus.Points.Select(point => point.Id),
        MqttSensorConfiguration sensor => sensor.Points.Select(point => point.Id),
        _ => [],
    };
}
