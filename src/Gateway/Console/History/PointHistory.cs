using System.Runtime.InteropServices;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.Configuration.Reading.Site;

namespace SmartCampus.Edge.Gateway.WebConsole.History;

/// <summary>
/// Recent values of every numeric point for the console's charts, in memory only: a ring per point of at most
/// <see cref="Capacity"/> interval slots, one value per <see cref="Interval"/> at most. Each slot costs 2 bytes (a
/// code on the ring's decimal grid, with its time implied by its position; <see cref="PointRing"/> states the error
/// bound), and a ring grows only as values arrive. 10,000 points with the defaults (6 h at 1 min, 360 slots) take
/// about 9 MB when full (docs/benchmarks/gateway.md).
/// </summary>
internal sealed class PointHistory
{
    // One lock for the index and every ring. The recorder is the only writer, once per interval, and a chart reads one
    // ring of at most a few hundred slots, so they seldom wait for each other. A lock and a concurrent dictionary node
    // per ring took about 100 bytes per point (docs/benchmarks/gateway.md).
    private readonly Lock _gate = new();
    private readonly Dictionary<PointId, PointRing> _rings = [];

    public PointHistory(TimeSpan span, TimeSpan interval)
    {
        Interval = interval;
        Capacity = (int)Math.Clamp(Math.Ceiling(span / interval), 2, ConsoleReader.MaxHistoryValuesPerPoint);
    }

    public TimeSpan Interval { get; }

    public int Capacity { get; }

    /// <summary>Keeps the sample when it is good and numeric and its interval slot has no value yet.</summary>
    public void Offer(Sample sample)
    {
        if (sample.Quality != Quality.Good || !sample.Value.TryGetNumber(out var number))
        {
            return;
        }

        lock (_gate)
        {
            ref var ring = ref CollectionsMarshal.GetValueRefOrAddDefault(_rings, sample.Point, out _);
            ring ??= new PointRing(Capacity, Interval);
            ring.Add(sample.GatewayTime, number);
        }
    }

    /// <summary>Kept values of the point, oldest first; empty when none.</summary>
    public IReadOnlyList<(DateTimeOffset Time, double Value)> Read(PointId point)
    {
        lock (_gate)
        {
            return _rings.TryGetValue(point, out var ring) ? ring.Read() : [];
        }
    }
}
