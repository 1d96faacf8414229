using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCampus.Edge.Benchmarks.Modbus;
using SmartCampus.Edge.Sync.Outbox;

namespace SmartCampus.Edge.Benchmarks.Sync;

/// <summary>
/// Bytes allocated per record, and records/s, for the outbox's append → peek → delete cycle on a real LiteDB file in
/// a temp folder, driven the way the gateway and the uplink drive it. Telemetry goes in batches of 100 records, one
/// per device poll of 10 samples, appended through the pipeline's <see cref="Gateway.Pipeline.TelemetryBatch"/>;
/// alarms go one at a time. Each phase is awaited before the next. OUTBOX_CYCLE_WARMUP sets the telemetry batches
/// before the measurement (default 200), OUTBOX_CYCLE_BATCHES the batches measured (default 200), and
/// OUTBOX_CYCLE_ALARMS the alarms measured (default 300). OUTBOX_CYCLE_BACKLOG sets the telemetry records held behind
/// the cycle, as in a drain after an outage (default 0).
/// </summary>
public sealed class OutboxCycleScenario : IScenario
{
    private const int BatchRecords = 100;
    private const int PointsPerDevice = 10;

    public string Name => "outbox-cycle";

    public string Description => "bytes allocated per record and records/s through outbox append, peek and delete";

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var warmUp = Setting("OUTBOX_CYCLE_WARMUP", 200);
        var batches = Setting("OUTBOX_CYCLE_BATCHES", 200);
        var alarms = Setting("OUTBOX_CYCLE_ALARMS", 300);
        var backlog = Setting("OUTBOX_CYCLE_BACKLOG", 0);
        var directory = Directory.CreateTempSubdirectory("smartcampus-outbox-cycle-").FullName;
        try
        {
            var options = new OutboxOptions { DatabasePath = Path.Combine(directory, "outbox.db"), MaxDiskBytes = 4L << 30 };
            using var store = new OutboxStore(options, TimeProvider.System, NullLogger<OutboxStore>.Instance);
            var polls = new DevicePolls(devices: 500, PointsPerDevice);

            for (var i = 0; i < backlog / BatchRecords; i++)
            {
                await polls.AppendAsync(store, BatchRecords, cancellationToken);
            }

            var cycle = new TelemetryCycle(store, polls);
            await cycle.MeasureAsync(warmUp, bySequence: false, cancellationToken);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"telemetry records of {PointsPerDevice} samples, {cycle.MeanPayloadBytes:F0} bytes of JSON on average; warm-up {warmUp} batches, backlog {backlog} records"));

            Report(output, $"telemetry, batches of {BatchRecords}", await cycle.MeasureAsync(batches, bySequence: false, cancellationToken), batches * BatchRecords);
            Report(output, "  same, delete by sequence", await cycle.MeasureAsync(batches, bySequence: true, cancellationToken), batches * BatchRecords);
            Report(output, "alarms, one at a time", await AlarmCycleAsync(store, alarms, cancellationToken), alarms);
            Report(output, "peek of the oldest record", Peeks(store, alarms, () => _ = store.OldestCreatedAt(OutboxLane.Telemetry)), alarms);
            Report(output, "empty peek after the newest", Peeks(store, alarms, () => _ = store.PeekAfter(OutboxLane.Telemetry, store.LastSequence, BatchRecords)), alarms);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<CycleAllocations> AlarmCycleAsync(OutboxStore store, int count, CancellationToken cancellationToken)
    {
        var payload = Encoding.UTF8.GetBytes(
            """{"rule":"co2-high","point":"room-201-air.co2","severity":"high","state":"raised","time":"2026-12-05T12:00:00.000Z","value":1520.5,"message":"CO2 above 1500 ppm in room 201"}""");
        var totals = new CycleAllocations();
        var after = 0L;

        // The first 50 compile the alarm path and are not counted.
        for (var i = 0; i < count + 50; i++)
        {
            if (i == 50)
            {
                totals = new CycleAllocations();
            }

            totals.StartCycle();
            await store.AppendAsync(OutboxLane.Alarms, "alarm.raised", payload, cancellationToken);
            totals.EndAppend();

            var peeked = store.PeekAfter(OutboxLane.Alarms, after, 100);
            totals.EndPeek();

            await store.DeleteAsync(OutboxLane.Alarms, peeked, cancellationToken);
            totals.EndDelete();
            after = peeked[^1].Sequence;
        }

        return totals;
    }

    /// <summary>
    /// Measures one kind of read alone, counted as peeks: <see cref="OutboxStore.OldestCreatedAt"/>, which the
    /// uplink's status, the metrics and the console call, or the read the uplink made after each batch, when the lane
    /// still counted the records whose delete was queued and nothing newer was there.
    /// </summary>
    private static CycleAllocations Peeks(OutboxStore store, int count, Action read)
    {
        var totals = new CycleAllocations();
        for (var i = 0; i < count; i++)
        {
            totals.StartCycle();
            totals.EndAppend();
            read();
            totals.EndPeek();
            totals.EndDelete();
        }

        return totals;
    }

    private static int Setting(string name, int defaultValue) =>
        int.Parse(Environment.GetEnvironmentVariable(name) ?? defaultValue.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static void Report(TextWriter output, string label, CycleAllocations totals, int records)
    {
        double PerRecord(long bytes) => (double)bytes / records;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label,-30} bytes/record: append {PerRecord(totals.AppendBytes),7:F0}  peek {PerRecord(totals.PeekBytes),7:F0}  delete {PerRecord(totals.DeleteBytes),7:F0}  total {PerRecord(totals.TotalBytes),7:F0}  {records / totals.Elapsed.TotalSeconds,7:F0} records/s  {LoadAverage.Read()}"));
    }

    /// <summary>
    /// Telemetry batches as the uplink sends them: append a batch, read it after the last one sent, delete it by its
    /// records (as <c>DistrictUplink</c> does) or by sequence (as <c>ThingsBoardUplink</c> did).
    /// </summary>
    private sealed class TelemetryCycle(OutboxStore store, DevicePolls polls)
    {
        private long _after;
        private long _payloadBytes;
        private long _records;

        public double MeanPayloadBytes => _records == 0 ? 0 : (double)_payloadBytes / _records;

        public async Task<CycleAllocations> MeasureAsync(int batches, bool bySequence, CancellationToken cancellationToken)
        {
            var totals = new CycleAllocations();
            for (var batch = 0; batch < batches; batch++)
            {
                totals.StartCycle();
                await polls.AppendAsync(store, BatchRecords, cancellationToken);
                totals.EndAppend();

                var peeked = store.PeekAfter(OutboxLane.Telemetry, _after, BatchRecords);
                totals.EndPeek();

                if (bySequence)
                {
                    await store.DeleteAsync(OutboxLane.Telemetry, peeked.Select(record => record.Sequence).ToList(), cancellationToken);
                }
                else
                {
                    await store.DeleteAsync(OutboxLane.Telemetry, peeked, cancellationToken);
                }

                totals.EndDelete();
                _after = peeked[^1].Sequence;
                _records += peeked.Count;
                _payloadBytes += peeked.Sum(record => (long)record.Payload.Length);
            }

            return totals;
        }
    }
}
