using System.Diagnostics;
using SmartCampus.Edge.Contracts;

namespace SmartCampus.Edge.Benchmarks.Campus;

/// <summary>A sink that counts samples and keeps the Stopwatch time of the last one, for throughput and latency runs.</summary>
public sealed class CountingSink : IFieldSink
{
    private long _samples;
    private long _lastTimestamp;

    public long Samples => Interlocked.Read(ref _samples);

    public long LastTimestamp => Interlocked.Read(ref _lastTimestamp);

    public ValueTask PublishSampleAsync(Sample sample, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastTimestamp, Stopwatch.GetTimestamp());
        Interlocked.Increment(ref _samples);
        return ValueTask.CompletedTask;
    }

    public ValueTask PublishEventAsync(DeviceEvent deviceEvent, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
