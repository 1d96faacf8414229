using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.WebConsole.History;
using Xunit.Abstractions;

namespace SmartCampus.Edge.Gateway.Tests.WebConsole;

/// <summary>
/// Memory of the console's point history with the defaults (6 h at one value per minute, 360 values per point) for
/// 10,000 points, measured as the growth of the managed heap after full collections. The figures go to the test
/// output and to docs/benchmarks/gateway.md.
/// </summary>
[Collection(HeapMeasurementGroup.Name)]
public sealed class PointHistoryMemoryTests(ITestOutputHelper output)
{
    private const int Points = 10_000;

    [Theory]
    [InlineData(360, 1_100)]
    [InlineData(60, 450)]
    public void Memory_BytesPerPoint(int valuesPerPoint, int maxBytesPerPoint)
    {
        var ids = Enumerable.Range(0, Points).Select(index => new PointId($"room-{index / 10:D4}-air", $"p{index % 10}")).ToArray();
        var start = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var stamp = new MonotonicStamp("memory", TimeSpan.Zero);

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var history = new PointHistory(TimeSpan.FromHours(6), TimeSpan.FromMinutes(1));
        for (var round = 0; round < valuesPerPoint; round++)
        {
            var time = start.AddMinutes(round);
            foreach (var id in ids)
            {
                history.Offer(new Sample(id, PointValue.FromNumber(400 + round), Quality.Good, time, stamp));
            }
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        var perPoint = (after - before) / (double)Points;
        output.WriteLine($"{valuesPerPoint} values per point: {perPoint:F0} bytes per point retained, {(after - before) / 1e6:F1} MB for {Points} points; {allocated / 1e6:F0} MB allocated while filling (samples included)");

        Assert.Equal(valuesPerPoint, history.Read(ids[^1]).Count);
        Assert.Equal(400 + valuesPerPoint - 1, history.Read(ids[0])[^1].Value);
        Assert.True(perPoint <= maxBytesPerPoint, $"{perPoint:F0} bytes per point, more than {maxBytesPerPoint}");
        GC.KeepAlive(history);
    }
}
