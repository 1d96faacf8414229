using System.Collections.Concurrent;
using SmartCampus.Edge.Contracts;

namespace SmartCampus.Edge.Gateway.Pipeline;

/// <summary>Latest sample of every point, read by the console and the CLI; written only by the pipeline.</summary>
public sealed class PointTable
{
    private readonly ConcurrentDictionary<PointId, Sample> _latest = new();

    public int Count => _latest.Count;

    public void Update(Sample sample) => _latest[sample.Point] = sample;

    public bool TryGet(PointId point, out Sample? sample)
    {
        var found = _latest.TryGetValue(point, out var latest);
        sample = latest;
        return found;
    }

    public IReadOnlyList<Sample> Snapshot() => [.. _latest.Values.OrderBy(sample => sample.Point.ToString(), StringComparer.Ordinal)];
}
