using System.Diagnostics;
using System.Globalization;
using System.Text;
using LiteDB;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Protocol;
using SmartCampus.Edge.Sync.Outbox;
using SmartCampus.Edge.Sync.Uplink;
using SmartCampus.Edge.TestPeers;

namespace SmartCampus.Edge.Benchmarks.Sync;

/// <summary>
/// Outbox accept rate next to LiteDB's own batched insert rate, drain rate to Mosquitto next to MQTTnet's raw QoS 1
/// rate on the same broker, alarm latency during a backlog drain, and bytes per record on disk and on the wire.
/// SYNC_BENCH_RECORDS sets the records of the accept and drain runs (default 200000), SYNC_BENCH_ALARM_BACKLOG the
/// backlog of the alarm run (default 1000000), and SYNC_BENCH_PARTS picks parts: accept, drain, alarm (default all).
/// </summary>
public sealed class SyncScenario : IScenario
{
    private const string School = "school-042";
    private const string Gateway = "gw-bench";
    private const int AlarmsRaised = 5;

    public string Name => "sync";

    public string Description => "outbox accept and drain rates, alarm latency in a backlog, bytes per record";

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var records = Setting("SYNC_BENCH_RECORDS", 200_000);
        var alarmBacklog = Setting("SYNC_BENCH_ALARM_BACKLOG", 1_000_000);
        var parts = (Environment.GetEnvironmentVariable("SYNC_BENCH_PARTS") ?? "accept,drain,alarm").Split(',', StringSplitOptions.TrimEntries);
        var directory = Directory.CreateTempSubdirectory("smartcampus-sync-bench-").FullName;
        try
        {
            await using var broker = await MosquittoBroker.StartAsync(cancellationToken: cancellationToken);

            if (parts.Contains("accept"))
            {
                Report(output, "LiteDB alone, batches of 1000, no fsync", LiteDbInsertRate(Path.Combine(directory, "plain.db"), records), "records/s");
                var (rate, diskBytes) = await OutboxAcceptRateAsync(Path.Combine(directory, "accept.db"), records, cancellationToken);
                Report(output, "Outbox accept (durable: fsync before accept)", rate, "records/s");
                Report(output, "Outbox bytes on disk per telemetry record", diskBytes, "bytes");
            }

            if (parts.Contains("drain"))
            {
                await DrainAllAsync(output, broker, directory, records, cancellationToken);
            }

            if (parts.Contains("alarm"))
            {
                var latencies = await AlarmLatenciesAsync(broker, Path.Combine(directory, "alarm.db"), alarmBacklog, cancellationToken);
                Report(output, $"Alarm latency while a {alarmBacklog}-record backlog drains, median of {AlarmsRaised}", Median(latencies), "ms");
                Report(output, $"Alarm latency while a {alarmBacklog}-record backlog drains, worst of {AlarmsRaised}", latencies.Max(), "ms");
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task DrainAllAsync(TextWriter output, MosquittoBroker broker, string directory, int records, CancellationToken cancellationToken)
    {
        Report(output, "MQTTnet raw QoS 1 publish, 256 in flight", await RawQos1RateAsync(broker, records / 2, cancellationToken), "msg/s");
        foreach (var compression in new[] { "none", "gzip", "zstd" })
        {
            var drain = await DrainRateAsync(broker, Path.Combine(directory, $"drain-{compression}.db"), records, compression, cancellationToken);
            Report(output, $"Outbox drain to Mosquitto QoS 1, batches of 500, compression {compression}", drain.Rate, "records/s");
            Report(output, $"Bytes on the wire per record, compression {compression}", drain.WireBytes, "bytes");
            if (compression == "none")
            {
                Report(output, "Outbox files after the drain, before compaction", drain.FileBytesDrained / 1048576.0, "MiB");
                Report(output, "Outbox files after compaction", drain.FileBytesCompacted / 1048576.0, "MiB");
                Report(output, "Compaction time", drain.CompactionMilliseconds, "ms");
            }
        }
    }

    private static int Setting(string name, int defaultValue) =>
        int.Parse(Environment.GetEnvironmentVariable(name) ?? defaultValue.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static void Report(TextWriter output, string what, double value, string unit) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what,-75} {value,12:F1} {unit,-10} load {File.ReadAllText("/proc/loadavg").Trim()}"));

    private static byte[] Payload(int index) => Encoding.UTF8.GetBytes($$"""{"point":"bldgA-2F-201.co2","value":{{400 + (index % 300)}},"unit":"ppm"}""");

    private static double LiteDbInsertRate(string path, int count)
    {
        using var database = new LiteDatabase($"Filename={path};Connection=direct");
        var collection = database.GetCollection("telemetry", BsonAutoId.Int64);
        var watch = Stopwatch.StartNew();
        for (var start = 0; start < count; start += 1000)
        {
            var batch = Enumerable.Range(start, Math.Min(1000, count - start)).Select(index => new BsonDocument
            {
                ["_id"] = (long)index + 1,
                ["t"] = "sample",
                ["p"] = Payload(index),
                ["c"] = DateTime.UtcNow.Ticks,
            });
            collection.InsertBulk(batch);
        }

        return count / watch.Elapsed.TotalSeconds;
    }

    private static async Task<(double Rate, double DiskBytes)> OutboxAcceptRateAsync(string path, int count, CancellationToken cancellationToken)
    {
        using var store = new OutboxStore(new OutboxOptions { DatabasePath = path, MaxDiskBytes = 4L << 30 }, TimeProvider.System, NullLogger<OutboxStore>.Instance);
        var watch = Stopwatch.StartNew();
        await AppendAllAsync(store, count, cancellationToken);
        var rate = count / watch.Elapsed.TotalSeconds;
        return (rate, (double)store.FileBytes / count);
    }

    /// <summary>Appends with up to 4000 appends in flight, as many sensors reporting at once would.</summary>
    private static async Task AppendAllAsync(OutboxStore store, int count, CancellationToken cancellationToken)
    {
        for (var start = 0; start < count; start += 4000)
        {
            var appends = Enumerable.Range(start, Math.Min(4000, count - start))
                .Select(index => store.AppendAsync(OutboxLane.Telemetry, "sample", Payload(index), cancellationToken).AsTask());
            await Task.WhenAll(appends);
        }
    }

    private static async Task<double> RawQos1RateAsync(MosquittoBroker broker, int count, CancellationToken cancellationToken)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(broker.Host, broker.Port).WithClientId("bench-raw").Build(), cancellationToken);
        var payload = Payload(1);
        var watch = Stopwatch.StartNew();
        for (var start = 0; start < count; start += 256)
        {
            var publishes = Enumerable.Range(0, Math.Min(256, count - start)).Select(_ => client.PublishAsync(
                new MqttApplicationMessageBuilder().WithTopic("bench/raw").WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(),
                cancellationToken));
            await Task.WhenAll(publishes);
        }

        var rate = count / watch.Elapsed.TotalSeconds;
        await client.DisconnectAsync(cancellationToken: cancellationToken);
        return rate;
    }

    /// <summary>Drains a full outbox; then compacts the emptied file, as the idle outbox would after a long outage.</summary>
    private static async Task<(double Rate, double WireBytes, long FileBytesDrained, long FileBytesCompacted, double CompactionMilliseconds)> DrainRateAsync(
        MosquittoBroker broker, string path, int count, string compression, CancellationToken cancellationToken)
    {
        using var store = new OutboxStore(new OutboxOptions { DatabasePath = path, MaxDiskBytes = 4L << 30 }, TimeProvider.System, NullLogger<OutboxStore>.Instance);
        await AppendAllAsync(store, count, cancellationToken);

        long wireBytes = 0;
        using var subscriber = await SubscribeAsync(broker, "telemetry", message => Interlocked.Add(ref wireBytes, message.Payload.Length), cancellationToken);

        var options = Options(broker, compression);
        using var uplink = new DistrictUplink(options, store, TimeProvider.System, NullLogger<DistrictUplink>.Instance);
        var watch = Stopwatch.StartNew();
        await uplink.StartAsync(cancellationToken);
        while (store.Count(OutboxLane.Telemetry) > 0)
        {
            await Task.Delay(5, cancellationToken);
        }

        var rate = count / watch.Elapsed.TotalSeconds;
        await uplink.StopAsync(cancellationToken);
        await Task.Delay(500, cancellationToken);

        var drained = store.FileBytes;
        var compaction = Stopwatch.StartNew();
        await store.CompactAsync(cancellationToken);
        var compactionMilliseconds = compaction.Elapsed.TotalMilliseconds;
        return (rate, (double)Interlocked.Read(ref wireBytes) / count, drained, store.FileBytes, compactionMilliseconds);
    }

    /// <summary>
    /// Raises alarms one second apart while the uplink drains the backlog; each latency runs from the call that
    /// raises the alarm until a district subscriber on the broker receives it.
    /// </summary>
    private static async Task<List<double>> AlarmLatenciesAsync(MosquittoBroker broker, string path, int count, CancellationToken cancellationToken)
    {
        using var store = new OutboxStore(new OutboxOptions { DatabasePath = path, MaxDiskBytes = 4L << 30 }, TimeProvider.System, NullLogger<OutboxStore>.Instance);
        await AppendAllAsync(store, count, cancellationToken);

        var alarmSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscriber = await SubscribeAsync(broker, "alarms", _ => Volatile.Read(ref alarmSeen).TrySetResult(), cancellationToken);

        using var uplink = new DistrictUplink(Options(broker, "none"), store, TimeProvider.System, NullLogger<DistrictUplink>.Instance);
        await uplink.StartAsync(cancellationToken);

        var latencies = new List<double>();
        for (var alarm = 0; alarm < AlarmsRaised; alarm++)
        {
            await Task.Delay(1000, cancellationToken);
            Volatile.Write(ref alarmSeen, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

            var watch = Stopwatch.StartNew();
            await store.AppendAsync(OutboxLane.Alarms, "alarm.raised", Payload(alarm), cancellationToken);
            await alarmSeen.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            latencies.Add(watch.Elapsed.TotalMilliseconds);
        }

        if (store.Count(OutboxLane.Telemetry) == 0)
        {
            throw new InvalidOperationException("The backlog had drained before the last alarm was raised; raise SYNC_BENCH_ALARM_BACKLOG.");
        }

        await uplink.StopAsync(cancellationToken);
        return latencies;
    }

    private static UplinkOptions Options(MosquittoBroker broker, string compression) => new()
    {
        Host = broker.Host,
        Port = broker.Port,
        SchoolId = School,
        GatewayId = Gateway,
        BatchSize = 500,
        MaxBatchBytes = 1024 * 1024,
        Compression = compression,
        ClientId = "bench-" + compression + Guid.NewGuid().ToString("N")[..6],
    };

    private static async Task<IMqttClient> SubscribeAsync(MosquittoBroker broker, string lane, Action<MqttApplicationMessage> onMessage, CancellationToken cancellationToken)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += args =>
        {
            onMessage(args.ApplicationMessage);
            return Task.CompletedTask;
        };
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(broker.Host, broker.Port).WithClientId("bench-sub-" + lane + Guid.NewGuid().ToString("N")[..6]).Build(), cancellationToken);
        await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter($"district/{School}/{Gateway}/{lane}", MqttQualityOfServiceLevel.AtLeastOnce).Build(), cancellationToken);
        return client;
    }
}
