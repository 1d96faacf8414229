using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using SmartCampus.Edge.Sync.Outbox;

namespace SmartCampus.Edge.Sync.Uplink;

/// <summary>
/// Instruments of the meter "SmartCampus.Edge.Uplink": batches and records acknowledged by the district broker,
/// the time to their PUBACK, failures by exception type, and the connection state of every running
/// <see cref="DistrictUplink"/>.
/// </summary>
public static class UplinkMetrics
{
    public const string MeterName = "SmartCampus.Edge.Uplink";

    private static readonly Meter Meter = new(MeterName);

    private static readonly ConcurrentDictionary<DistrictUplink, byte> Uplinks = new();

    private static readonly Counter<long> Batches = Meter.CreateCounter<long>(
        "smartcampus.uplink.batches", "{batch}", "Batches the district broker acknowledged.");

    private static readonly Counter<long> Records = Meter.CreateCounter<long>(
        "smartcampus.uplink.records", "{record}", "Records in the batches the district broker acknowledged.");

    private static readonly Counter<long> Bytes = Meter.CreateCounter<long>(
        "smartcampus.uplink.bytes", "By", "JSON bytes of the acknowledged batches, before any gzip compression.");

    private static readonly Histogram<double> PublishDuration = Meter.CreateHistogram<double>(
        "smartcampus.uplink.publish.duration", "ms", "Time from sending a batch to its PUBACK.");

    private static readonly Counter<long> Failures = Meter.CreateCounter<long>(
        "smartcampus.uplink.failures", "{failure}", "Connections or publishes that failed; the uplink backs off and retries.");

    static UplinkMetrics()
    {
        Meter.CreateObservableGauge(
            "smartcampus.uplink.connected",
            () => Uplinks.Keys.Select(uplink => new Measurement<int>(uplink.State.Connection == UplinkConnectionState.Connected ? 1 : 0)),
            "{connection}",
            "1 while connected to the district broker, else 0.");
        Meter.CreateObservableCounter(
            "smartcampus.uplink.connect_attempts",
            () => Uplinks.Keys.Select(uplink => new Measurement<long>(uplink.State.ConnectAttempts)),
            "{attempt}",
            "Connection attempts since start.");
    }

    /// <summary>Reports the uplink's connection state until the returned handle is disposed.</summary>
    internal static IDisposable Track(DistrictUplink uplink)
    {
        Uplinks.TryAdd(uplink, 0);
        return new Registration(uplink);
    }

    // NOTE: only the main connection records its batches here. The alarm connection's PUBACKs count in
    // UplinkState.RecordsSent but not in these instruments.
    internal static void RecordBatch(OutboxLane lane, int records, int payloadBytes, TimeSpan untilAcknowledged)
    {
        var tag = new KeyValuePair<string, object?>("lane", DistrictTopics.LaneName(lane));
        Batches.Add(1, tag);
        Records.Add(records, tag);
        Bytes.Add(payloadBytes, tag);
        PublishDuration.Record(untilAcknowledged.TotalMilliseconds, tag);
    }

    internal static void RecordFailure(Exception exception) =>
        Failures.Add(1, new KeyValuePair<string, object?>("error.type", exception.GetType().Name));

    private sealed class Registration(DistrictUplink uplink) : IDisposable
    {
        public void Dispose() => Uplinks.TryRemove(uplink, out _);
    }
}
