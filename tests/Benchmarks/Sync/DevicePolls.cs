using Microsoft.Extensions.Logging.Abstractions;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.Pipeline;
using SmartCampus.Edge.Sync.Outbox;

namespace SmartCampus.Edge.Benchmarks.Sync;

/// <summary>
/// Telemetry as the gateway's pipeline appends it: the samples of one poll per device go through a
/// <see cref="TelemetryBatch"/>, which writes one "samples" record per device (its JSON and its sample set).
/// The <see cref="Sample"/> objects are made once and reused, so only the batch and the outbox allocate.
/// </summary>
internal sealed class DevicePolls
{
    private readonly List<Sample[]> _polls = [];
    private readonly TelemetryBatch _batch = new();
    private readonly List<Task<long>> _pending = [];
    private readonly UnstoredRecords _unstored = new(new GatewayClock(TimeProvider.System, "boot-1"), NullLogger<UnstoredRecords>.Instance);
    private int _next;

    public DevicePolls(int devices, int pointsPerDevice)
    {
        var time = new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);
        for (var device = 0; device < devices; device++)
        {
            var poll = new Sample[pointsPerDevice];
            for (var point = 0; point < pointsPerDevice; point++)
            {
                var id = PointId.Parse($"ahu-{device:D3}.hr{40001 + point}");
                var value = PointValue.FromNumber(20.0 + (device * 0.37) + point);
                poll[point] = new Sample(id, value, Quality.Good, time, new MonotonicStamp("boot-1", TimeSpan.FromSeconds(90 + point)));
            }

            _polls.Add(poll);
        }
    }

    /// <summary>Appends one poll of each of <paramref name="devices"/> devices (one record each) and waits for their commit.</summary>
    public async Task AppendAsync(OutboxStore store, int devices, CancellationToken cancellationToken)
    {
        for (var i = 0; i < devices; i++)
        {
            foreach (var sample in _polls[_next++ % _polls.Count])
            {
                _batch.Add(sample);
            }
        }

        _batch.AppendTo(store, _unstored, _pending);
        await Task.WhenAll(_pending).WaitAsync(cancellationToken);
        _pending.Clear();
    }
}
