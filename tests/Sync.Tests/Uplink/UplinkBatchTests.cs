using System.Diagnostics;
using System.Text;
using SmartCampus.Edge.Sync.Outbox;
using SmartCampus.Edge.Sync.Status;
using SmartCampus.Edge.Sync.Tests.Outbox;
using SmartCampus.Edge.Sync.Tests.Support;
using SmartCampus.Edge.Sync.Uplink;
using SmartCampus.Edge.TestPeers;
using static SmartCampus.Edge.Sync.Tests.Uplink.UplinkTestContext;

namespace SmartCampus.Edge.Sync.Tests.Uplink;

public sealed class UplinkBatchTests
{
    [Theory]
    [InlineData("gzip", "5")]
    [InlineData("gzip", "3.1.1")]
    [InlineData("zstd", "5")]
    [InlineData("zstd", "3.1.1")]
    public async Task Compression_DeclaredAndDecodable(string compression, string version)
    {
        await using var context = await StartAsync();
        await context.StartUplinkAsync(context.Options(configure: options =>
        {
            options.Compression = compression;
            options.ProtocolVersion = version;
        }));

        var telemetry = await context.AppendAsync(OutboxLane.Telemetry, 60);
        await WaitUntilAsync(() => context.Pending == 0, "the telemetry to be delivered");
        await context.Subscriber.WaitUntilAsync(subscriber => subscriber.SequencesOn("telemetry").Count >= 60, "all batches");

        var first = context.Subscriber.On("telemetry")[0];
        Assert.Equal(telemetry, context.Subscriber.SequencesOn("telemetry"));
        if (version == "5")
        {
            // Magic numbers: gzip 1f 8b (RFC 1952 §2.3.1), zstd 28 b5 2f fd (RFC 8878 §3.1.1).
            Assert.Equal(compression, first.ContentEncoding);
            Assert.Equal("application/json", first.ContentType);
            Assert.Equal(compression == "gzip" ? 0x1f : 0x28, first.Payload[0]);
        }
        else
        {
            Assert.Contains($"\"contentEncoding\":\"{compression}\"", first.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task OversizedRecord_DeadLettered()
    {
        var broker = new MosquittoBrokerOptions();
        broker.ExtraConfigLines.Add("max_packet_size 4096");
        await using var context = await StartAsync(broker);

        var before = await context.AppendAsync(OutboxLane.Events, 3);
        var big = Encoding.UTF8.GetBytes($$"""{"text":"{{new string('x', 8000)}}"}""");
        var oversized = await context.Outbox.AppendAsync(OutboxLane.Events, "log.dump", big, CancellationToken.None);
        var after = await context.AppendAsync(OutboxLane.Events, 3, firstValue: 10);

        await context.StartUplinkAsync(context.Options());
        await WaitUntilAsync(() => context.Pending == 0, "the events to be delivered or dead-lettered");
        await context.Subscriber.WaitUntilAsync(subscriber => subscriber.SequencesOn("events").Count >= 6, "the small events");

        Assert.Equal(before.Concat(after), context.Subscriber.SequencesOn("events"));
        Assert.DoesNotContain(oversized, context.Subscriber.SequencesOn("events"));
        Assert.Equal(1, context.Outbox.DeadLetteredCount(OutboxLane.Events));
        Assert.True(context.UplinkLogger.Has(4116), "the dead letter was not logged");
    }

    [Fact]
    public async Task AlarmDuringBacklog_JumpsQueue()
    {
        await using var context = await StartAsync();
        var appends = Enumerable.Range(0, 4000)
            .Select(index => context.Outbox.AppendAsync(OutboxLane.Telemetry, "sample", OutboxTestContext.Json(index), CancellationToken.None).AsTask());
        await Task.WhenAll(appends);

        await context.StartUplinkAsync(context.Options(configure: options => options.BatchSize = 20));
        await context.Subscriber.WaitUntilAsync(subscriber => subscriber.On("telemetry").Count >= 1, "the first telemetry batch");

        var alarmAppended = Stopwatch.StartNew();
        var alarm = await context.Outbox.AppendAsync(OutboxLane.Alarms, "alarm.raised", OutboxTestContext.Json(1), CancellationToken.None);
        await context.Subscriber.WaitUntilAsync(subscriber => subscriber.On("alarms").Count >= 1, "the alarm");
        var latency = alarmAppended.Elapsed;

        var telemetryLeft = context.Outbox.Count(OutboxLane.Telemetry);
        await WaitUntilAsync(() => context.Pending == 0, "the backlog to drain", TimeSpan.FromSeconds(60));
        await context.Subscriber.WaitUntilAsync(subscriber => subscriber.SequencesOn("alarms").Count >= 1, "the alarm at the subscriber");

        Assert.Equal([alarm], context.Subscriber.SequencesOn("alarms"));
        Assert.True(telemetryLeft > 1000, $"the backlog was nearly drained ({telemetryLeft} left) when the alarm arrived");
        Assert.True(latency < TimeSpan.FromSeconds(2), $"the alarm took {latency.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task MaxBatchAge_FillsTelemetryBatch()
    {
        await using var context = await StartAsync();
        await context.StartUplinkAsync(context.Options(configure: options =>
        {
            options.BatchSize = 10;

            // Long enough that ten appends, each fsynced, fit inside it even on a loaded machine.
            options.MaxBatchAge = TimeSpan.FromSeconds(3);
        }));
        await context.Subscriber.WaitUntilAsync(subscriber => subscriber.On("status").Count > 0, "the online status");

        for (var i = 0; i < 10; i++)
        {
            await context.AppendAsync(OutboxLane.Telemetry, 1, firstValue: i);
        }

        await context.Subscriber.WaitUntilAsync(subscriber => subscriber.SequencesOn("telemetry").Count >= 10, "the telemetry");
        var lone = await context.AppendAsync(OutboxLane.Telemetry, 1, firstValue: 99);
        await context.Subscriber.WaitUntilAsync(subscriber => subscriber.SequencesOn("telemetry").Count >= 11, "the lone record after its age limit");

        var batches = context.Subscriber.On("telemetry");
        var last = batches[^1].Sequences();
        Assert.Equal(10, batches[0].Sequences().Count);
        Assert.Equal(lone.Single(), last[^1]);

        // The lone record goes out alone after its age limit. A reconnect on a loaded machine resends every record not
        // yet deleted from the oldest (at least once), so the only other allowed last batch starts at the first record.
        Assert.True(last.Count == 1 || last[0] == batches[0].Sequences()[0], $"last batch: {string.Join(",", last)}");
    }

    [Fact]
    public async Task Heartbeat_ReportsGatewayAndBacklog()
    {
        await using var context = await StartAsync();
        var source = new FixedStatusSource(new GatewayStatusSnapshot
        {
            Version = "0.1.0",
            ConfigurationVersion = "cfg-17",
            DevicesOnline = 12,
            DevicesOffline = 1,
            DevicesNeverSeen = 3,
            ActiveAlarms = 2,
            ClockSynchronised = true,
        });

        var uplink = new DistrictUplink(
            context.Options(configure: options => options.StatusInterval = TimeSpan.FromMilliseconds(200)),
            context.Outbox, source, downlink: null, TimeProvider.System, context.UplinkLogger);
        await uplink.StartAsync(CancellationToken.None);
        try
        {
            await context.Subscriber.WaitUntilAsync(subscriber => subscriber.On("status").Count >= 3, "three status messages");
        }
        finally
        {
            await uplink.StopAsync(CancellationToken.None);
            uplink.Dispose();
        }

        using var status = context.Subscriber.On("status")[2].Json();
        var root = status.RootElement;
        Assert.Equal("online", root.GetProperty("status").GetString());
        Assert.Equal("0.1.0", root.GetProperty("version").GetString());
        Assert.Equal("cfg-17", root.GetProperty("configurationVersion").GetString());
        Assert.Equal(12, root.GetProperty("devices").GetProperty("online").GetInt32());
        Assert.Equal(3, root.GetProperty("devices").GetProperty("neverSeen").GetInt32());
        Assert.Equal(2, root.GetProperty("activeAlarms").GetInt32());
        Assert.True(root.GetProperty("clockSynchronised").GetBoolean());
        Assert.Equal(0, root.GetProperty("backlog").GetProperty("telemetry").GetInt64());
        Assert.True(root.GetProperty("disk").GetProperty("fileBytes").GetInt64() > 0, "no file size reported");
        Assert.True(root.TryGetProperty("uptimeSeconds", out _), "no uptime reported");
        Assert.True(root.TryGetProperty("oldestUnsentSeconds", out _), "no oldest record age reported");
    }

    [Fact]
    public async Task BrokerFlapping_NothingLostAlarmsFirst()
    {
        await using var context = await StartAsync();
        await using var proxy = new MqttCuttingProxy(context.Broker.Port);
        var appends = Enumerable.Range(0, 3000)
            .Select(index => context.Outbox.AppendAsync(OutboxLane.Telemetry, "sample", OutboxTestContext.Json(index), CancellationToken.None).AsTask());
        var telemetry = (await Task.WhenAll(appends)).Order().ToList();

        await context.StartUplinkAsync(context.Options(proxy.Port, options => options.BatchSize = 20));

        var alarms = new List<long>();
        var receivedBeforeAlarm = new List<int>();
        for (var cut = 0; cut < 50; cut++)
        {
            var attempts = context.Uplink.State.ConnectAttempts;
            await WaitUntilAsync(() => context.Uplink.State.Connection == UplinkConnectionState.Connected, "a connection");
            await Task.Delay(15);
            if (cut % 10 == 0)
            {
                receivedBeforeAlarm.Add(context.Subscriber.Messages.Count);
                alarms.Add(await context.Outbox.AppendAsync(OutboxLane.Alarms, "alarm.raised", OutboxTestContext.Json(cut), CancellationToken.None));
            }

            proxy.CutAll();
            await WaitUntilAsync(() => context.Uplink.State.ConnectAttempts > attempts, "a reconnect");
        }

        await WaitUntilAsync(() => context.Pending == 0, "the outbox to drain", TimeSpan.FromSeconds(60));
        await context.Subscriber.WaitUntilAsync(
            subscriber => subscriber.SequencesOn("telemetry").Distinct().Count() >= telemetry.Count, "all telemetry", TimeSpan.FromSeconds(30));

        var received = context.Subscriber.SequencesOn("telemetry");
        Assert.Equal(telemetry, received.Distinct().Order());
        Assert.Equal(alarms, context.Subscriber.SequencesOn("alarms").Distinct());
        AssertLaneOrder(received);
        Assert.True(context.Uplink.State.ConnectAttempts >= 50, $"only {context.Uplink.State.ConnectAttempts} connects");
        AssertAlarmsDidNotWait(context.Subscriber.Messages, alarms, receivedBeforeAlarm);
    }

    private const int MaxTelemetryBeforeAlarm = 6;

    /// <summary>
    /// Between an alarm's append and its arrival, only the telemetry batch already on the wire and what the
    /// subscriber had not yet received may arrive. On a loaded machine the subscriber lags by a few batches, so
    /// the bound is <see cref="MaxTelemetryBeforeAlarm"/>; an alarm queued behind the 150-batch backlog would see
    /// dozens.
    /// </summary>
    private static void AssertAlarmsDidNotWait(IReadOnlyList<ReceivedMessage> messages, List<long> alarms, List<int> receivedBefore)
    {
        for (var i = 0; i < alarms.Count; i++)
        {
            var arrival = Enumerable.Range(0, messages.Count)
                .First(index => messages[index].Topic.EndsWith("/alarms", StringComparison.Ordinal) && messages[index].Sequences().Contains(alarms[i]));
            var telemetryBetween = Enumerable.Range(receivedBefore[i], Math.Max(0, arrival - receivedBefore[i]))
                .Count(index => messages[index].Topic.EndsWith("/telemetry", StringComparison.Ordinal));
            Assert.True(telemetryBetween <= MaxTelemetryBeforeAlarm, $"alarm {alarms[i]} arrived after {telemetryBetween} telemetry batches sent after it was accepted");
        }
    }

    /// <summary>
    /// Resends after a cut repeat a tail of what came before, but a sequence never arrives for the first time
    /// before a lower one of the same lane.
    /// </summary>
    private static void AssertLaneOrder(IReadOnlyList<long> received)
    {
        var seen = new HashSet<long>();
        var highestNew = 0L;
        foreach (var sequence in received)
        {
            if (seen.Add(sequence))
            {
                Assert.True(sequence > highestNew, $"sequence {sequence} arrived after {highestNew}");
                highestNew = sequence;
            }
        }
    }

    private sealed class FixedStatusSource(GatewayStatusSnapshot snapshot) : IGatewayStatusSource
    {
        public GatewayStatusSnapshot GetStatus() => snapshot;
    }
}
