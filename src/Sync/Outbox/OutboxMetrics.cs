using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>
/// Instruments of the meter "SmartCampus.Edge.Outbox". Appends are counted when their commit is on the device;
/// backlog, bytes and drops are read from every open <see cref="OutboxStore"/> when a listener collects.
/// The instruments of records carry the tag <c>lane</c> (alarms, events, telemetry); <c>smartcampus.outbox.open</c>
/// and <c>smartcampus.outbox.reopens</c> describe the database as a whole.
/// </summary>
public static class OutboxMetrics
{
    public const string MeterName = "SmartCampus.Edge.Outbox";

    private static readonly Meter Meter = new(MeterName);

    private static readonly ConcurrentDictionary<OutboxStore, byte> Stores = new();

    private static readonly Counter<long> Appends = Meter.CreateCounter<long>(
        "smartcampus.outbox.appends", "{record}", "Records stored durably in the outbox.");

    private static readonly Counter<long> AppendedBytes = Meter.CreateCounter<long>(
        "smartcampus.outbox.appended_bytes", "By", "Payload bytes of the records stored in the outbox.");

    static OutboxMetrics()
    {
        Meter.CreateObservableGauge("smartcampus.outbox.backlog", () => Observe(store => store.Count), "{record}", "Records waiting for the district.");
        Meter.CreateObservableGauge("smartcampus.outbox.oldest_age", ObserveOldestAge, "s", "Age of the oldest record waiting for the district.");
        Meter.CreateObservableCounter("smartcampus.outbox.dropped", () => Observe(store => store.DroppedCount), "{record}", "Records dropped by the disk budget since the database was created.");
        Meter.CreateObservableCounter("smartcampus.outbox.dead_lettered", () => Observe(store => store.DeadLetteredCount), "{record}", "Records the district could never take, kept aside and not sent.");
        Meter.CreateObservableGauge("smartcampus.outbox.estimated_bytes", () => Stores.Keys.Select(store => new Measurement<long>(store.EstimatedBytes)), "By", "Estimated bytes of all records held, as counted against the disk budget.");
        Meter.CreateObservableGauge("smartcampus.outbox.file_bytes", () => Stores.Keys.Select(store => new Measurement<long>(store.FileBytes)), "By", "Bytes of the LiteDB data and log files.");
        Meter.CreateObservableGauge("smartcampus.outbox.last_sequence", () => Stores.Keys.Select(store => new Measurement<long>(store.LastSequence)), "{record}", "Highest sequence handed out.");
        Meter.CreateObservableGauge("smartcampus.outbox.open", () => Stores.Keys.Select(store => new Measurement<int>(store.Health.State == OutboxState.Open ? 1 : 0)), "1", "1 while the database is open, 0 while it is being reopened after a failure.");
        Meter.CreateObservableCounter("smartcampus.outbox.reopens", ObserveReopens, "{reopen}", "Reopens of the database after a failure, by result (succeeded, failed).");
    }

    /// <summary>Reports the store's backlog until the returned handle is disposed.</summary>
    internal static IDisposable Track(OutboxStore store)
    {
        Stores.TryAdd(store, 0);
        return new Registration(store);
    }

    internal static void RecordAppend(OutboxLane lane, int payloadBytes)
    {
        var tag = new KeyValuePair<string, object?>("lane", OutboxLaneNames.Of(lane));
        Appends.Add(1, tag);
        AppendedBytes.Add(payloadBytes, tag);
    }

    private static IEnumerable<Measurement<long>> Observe(Func<OutboxStore, Func<OutboxLane, long>> read)
    {
        foreach (var store in Stores.Keys)
        {
            var value = read(store);
            foreach (var lane in OutboxLaneNames.All)
            {
                yield return new Measurement<long>(value(lane), new KeyValuePair<string, object?>("lane", OutboxLaneNames.Of(lane)));
            }
        }
    }

    private static IEnumerable<Measurement<double>> ObserveOldestAge()
    {
        foreach (var store in Stores.Keys)
        {
            foreach (var lane in OutboxLaneNames.All)
            {
                // One read of the lane's first index entry; an empty lane reports zero.
                var oldest = store.TryOldestCreatedAt(lane);
                var age = oldest is { } createdAt ? Math.Max(0, (store.Now - createdAt).TotalSeconds) : 0;
                yield return new Measurement<double>(age, new KeyValuePair<string, object?>("lane", OutboxLaneNames.Of(lane)));
            }
        }
    }

    private static IEnumerable<Measurement<long>> ObserveReopens()
    {
        foreach (var store in Stores.Keys)
        {
            var health = store.Health;
            yield return new Measurement<long>(health.Reopens, new KeyValuePair<string, object?>("result", "succeeded"));
            yield return new Measurement<long>(health.ReopenFailures, new KeyValuePair<string, object?>("result", "failed"));
        }
    }

    private sealed class Registration(OutboxStore store) : IDisposable
    {
        public void Dispose() => Stores.TryRemove(store, out _);
    }
}
