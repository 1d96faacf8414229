using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;
using SmartCampus.Edge.Reliability.Tests.Support;
using SmartCampus.Edge.Sync.Outbox;
using SmartCampus.Edge.Sync.Uplink;

namespace SmartCampus.Edge.Reliability.Tests.Scale;

/// <summary>
/// Many gateways on one district broker: real <see cref="DistrictUplink"/> instances with distinct gateway ids, each
/// with its own <see cref="OutboxStore"/> file, drain a backlog and then a steady stream to one Mosquitto, read by a
/// consumer group on a shared subscription. Every record must arrive, and no gateway's backlog may wait far longer
/// than the others'. Sizes come from SMARTCAMPUS_SCALE_GATEWAYS / _BACKLOG / _LIVE_SECONDS (tools/district-scale.sh).
/// </summary>
public sealed class DistrictScaleTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("smartcampus-scale-").FullName;
    private readonly List<OutboxStore> _stores = [];
    private readonly List<DistrictUplink> _uplinks = [];
    private MosquittoBroker? _district;

    public async Task InitializeAsync() => _district = await MosquittoBroker.StartAsync();

    [Fact]
    public async Task ManyGateways_AllDelivered_NoneStarved()
    {
        var gateways = Setting("SMARTCAMPUS_SCALE_GATEWAYS", 500);
        var backlog = Setting("SMARTCAMPUS_SCALE_BACKLOG", 20);
        var liveSeconds = Setting("SMARTCAMPUS_SCALE_LIVE_SECONDS", 3);
        var district = _district!;
        await using var consumer = await ShareConsumer.ConnectAsync(district.Port, consumers: 2, group: "district", filter: "district/#");

        for (var index = 0; index < gateways; index++)
        {
            var store = new OutboxStore(new OutboxOptions { DatabasePath = Path.Combine(_directory, $"gw-{index:D4}.db") }, TimeProvider.System, NullLogger<OutboxStore>.Instance);
            _stores.Add(store);
            // Appends in flight together share one commit, so the backlog costs one disk flush per gateway.
            await Task.WhenAll(Enumerable.Range(0, backlog).Select(record =>
                store.AppendAsync(OutboxLane.Telemetry, "sample", Encoding.UTF8.GetBytes($"{{\"i\":{record}}}"), CancellationToken.None).AsTask()));

            _uplinks.Add(new DistrictUplink(
                new UplinkOptions { Host = district.Host, Port = district.Port, SchoolId = $"school-{index / 50:D2}", GatewayId = $"gw-{index:D4}", StatusInterval = TimeSpan.FromMinutes(10) },
                store,
                TimeProvider.System,
                NullLogger<DistrictUplink>.Instance));
        }

        // Backlog drain: all gateways start at once.
        var started = TimeProvider.System.GetTimestamp();
        await Task.WhenAll(_uplinks.Select(uplink => uplink.StartAsync(CancellationToken.None)));
        var drained = await Eventually.WaitUntilAsync(() => consumer.Gateways.Count == gateways && consumer.Gateways.Values.All(tally => tally.Distinct >= backlog), TimeSpan.FromSeconds(180));
        Assert.True(drained, $"Backlog not drained in 180 s: {consumer.Gateways.Count} of {gateways} gateways seen, {consumer.Records} records.");
        var drainSeconds = TimeProvider.System.GetElapsedTime(started).TotalSeconds;
        var finish = consumer.Gateways.Values.Select(tally => TimeProvider.System.GetElapsedTime(started, tally.ReachedAt(backlog)).TotalSeconds).Order().ToList();

        // Steady stream: every gateway adds one record a second, stamped with the wall-clock time for the lag.
        var live = TimeProvider.System.GetTimestamp();
        for (var second = 0; second < liveSeconds; second++)
        {
            await Task.WhenAll(_stores.Select(store =>
                store.AppendAsync(OutboxLane.Telemetry, "sample", Encoding.UTF8.GetBytes($"{{\"t\":{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}}}"), CancellationToken.None).AsTask()));

            var untilNext = TimeSpan.FromSeconds(second + 1) - TimeProvider.System.GetElapsedTime(live);
            if (untilNext > TimeSpan.Zero)
            {
                await Task.Delay(untilNext);
            }
        }

        var expected = backlog + liveSeconds;
        Assert.True(
            await Eventually.WaitUntilAsync(() => consumer.Gateways.Values.All(tally => tally.Distinct >= expected), TimeSpan.FromSeconds(60)),
            $"Live records not delivered: {consumer.Gateways.Values.Count(tally => tally.Distinct < expected)} gateways short.");

        Assert.All(consumer.Gateways, pair => Assert.Equal(expected, pair.Value.Distinct));
        var median = finish[finish.Count / 2];
        Assert.True(finish[^1] <= (3 * median) + 5, $"A gateway's backlog starved: the slowest finished after {finish[^1]:F1} s, the median after {median:F1} s.");

        var lag = consumer.LagMilliseconds.Order().ToList();
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"district-scale: gateways={gateways} backlog-per-gateway={backlog} consumers=2 drain-s={drainSeconds:F1} drain-records-per-s={gateways * backlog / drainSeconds:F0} gateway-finish-s p50={median:F1} p99={finish[(int)(finish.Count * 0.99)]:F1} max={finish[^1]:F1} live-records={lag.Count} lag-ms p50={lag[lag.Count / 2]:F0} p99={lag[(int)(lag.Count * 0.99)]:F0} max={lag[^1]:F0} batches-per-consumer={string.Join('/', consumer.PerConsumer)} load={File.ReadAllText("/proc/loadavg").Trim()}");
        output.WriteLine(summary);
        Report.Append(summary);
    }

    public async Task DisposeAsync()
    {
        await Task.WhenAll(_uplinks.Select(uplink => uplink.StopAsync(CancellationToken.None)));
        foreach (var uplink in _uplinks)
        {
            uplink.Dispose();
        }

        foreach (var store in _stores)
        {
            store.Dispose();
        }

        if (_district is not null)
        {
            await _district.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
