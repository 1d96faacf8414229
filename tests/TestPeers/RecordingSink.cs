using SmartCampus.Edge.Contracts;

namespace SmartCampus.Edge.TestPeers;

/// <summary>An <see cref="IFieldSink"/> that keeps everything it receives, with waits that fail after a real-time limit.</summary>
public sealed class RecordingSink : IFieldSink
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(5);

    private readonly Lock _sync = new();
    private readonly List<Sample> _samples = [];
    private readonly List<DeviceEvent> _events = [];

    public IReadOnlyList<Sample> Samples
    {
        get
        {
            lock (_sync)
            {
                return [.. _samples];
            }
        }
    }

    public IReadOnlyList<DeviceEvent> Events
    {
        get
        {
            lock (_sync)
            {
                return [.. _events];
            }
        }
    }

    public ValueTask PublishSampleAsync(Sample sample, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            _samples.Add(sample);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask PublishEventAsync(DeviceEvent deviceEvent, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            _events.Add(deviceEvent);
        }

        return ValueTask.CompletedTask;
    }

    public IReadOnlyList<Sample> SamplesOf(string pointId) =>
        Samples.Where(s => s.Point.ToString() == pointId).ToList();

    /// <summary>Waits until <paramref name="pointId"/> has at least <paramref name="count"/> samples and returns them.</summary>
    public async Task<IReadOnlyList<Sample>> WaitForSamplesAsync(string pointId, int count)
    {
        await WaitUntilAsync(() => SamplesOf(pointId).Count >= count, $"{count} samples of {pointId}");
        return SamplesOf(pointId);
    }

    public async Task<DeviceEvent> WaitForEventAsync(string deviceId, string type)
    {
        await WaitUntilAsync(() => Events.Any(e => e.DeviceId == deviceId && e.Type == type), $"a {type} event of {deviceId}");
        return Events.First(e => e.DeviceId == deviceId && e.Type == type);
    }

    public async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var started = DateTime.UtcNow;
        while (!condition())
        {
            if (DateTime.UtcNow - started > WaitLimit)
            {
                var seen = string.Join(", ", Samples.Select(s => $"{s.Point}={s.Value}/{s.Quality}"));
                throw new TimeoutException($"Waited {WaitLimit.TotalSeconds} s for {what}. Samples seen: [{seen}]; events: {Events.Count}.");
            }

            await Task.Delay(10);
        }
    }
}
