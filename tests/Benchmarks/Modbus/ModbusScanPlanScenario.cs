using System.Globalization;
using SmartCampus.Edge.Drivers.Modbus.Decoding;
using SmartCampus.Edge.Drivers.Modbus.Planning;
using SmartCampus.Edge.Drivers.Modbus.Points;

namespace SmartCampus.Edge.Benchmarks.Modbus;

/// <summary>
/// Requests per full scan of a 2,000-point map, against the minimum possible: for each run of registers without a gap,
/// ceil(run length / 125) requests, since a request cannot span a gap without bridging it.
/// </summary>
public sealed class ModbusScanPlanScenario : IScenario
{
    public string Name => "modbus-scan-plan";

    public string Description => "Requests per scan of a 2,000-point map vs the minimum possible";

    public Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var points = Map();
        foreach (var maxGap in new[] { 0, 2, 8 })
        {
            var blocks = ModbusReadPlanner.Plan(points, 125, maxGap);
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"max gap {maxGap}: {blocks.Count} requests, minimum {Minimum(points, maxGap)}, {points.Count} points"));
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// 2,000 points: 1,200 holding (uint16 and float32 mixed, a gap of 2 registers after every 50th point, a gap of 10
    /// after every 300th) and 800 coils, the same pattern in bits.
    /// </summary>
    private static List<ModbusPointOptions> Map()
    {
        var points = new List<ModbusPointOptions>();
        var address = 0;
        for (var i = 0; i < 1200; i++)
        {
            var type = i % 3 == 0 ? ModbusDataType.Float32 : ModbusDataType.UInt16;
            points.Add(new ModbusPointOptions { Name = $"h{i}", Address = (ushort)address, Type = type });
            address += ModbusValueCodec.RegisterCount(type);
            if (i % 300 == 299)
            {
                address += 10;
            }
            else if (i % 50 == 49)
            {
                address += 2;
            }
        }

        address = 0;
        for (var i = 0; i < 800; i++)
        {
            points.Add(new ModbusPointOptions { Name = $"c{i}", Address = (ushort)address, Function = ModbusRegisterKind.Coil });
            address += 1 + (i % 50 == 49 ? 2 : 0);
        }

        return points;
    }

    private static int Minimum(List<ModbusPointOptions> points, int maxGap)
    {
        var total = 0;
        foreach (var table in points.GroupBy(point => point.Function))
        {
            var limit = table.Key is ModbusRegisterKind.Coil or ModbusRegisterKind.DiscreteInput ? 2000 : 125;
            var ordered = table.OrderBy(point => point.Address).ToList();
            var start = ordered[0].Address;
            var end = start + ordered[0].RegisterCount;
            foreach (var point in ordered.Skip(1))
            {
                if (point.Address > end + maxGap)
                {
                    total += (end - start + limit - 1) / limit;
                    start = point.Address;
                }

                end = Math.Max(end, point.Address + point.RegisterCount);
            }

            total += (end - start + limit - 1) / limit;
        }

        return total;
    }
}
