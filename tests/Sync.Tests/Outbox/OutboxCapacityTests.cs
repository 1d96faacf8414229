using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Sync.Outbox;
using static SmartCampus.Edge.Sync.Tests.Outbox.OutboxTestContext;

namespace SmartCampus.Edge.Sync.Tests.Outbox;

public sealed class OutboxCapacityTests : IDisposable
{
    private const long Budget = 20_000;
    private const long Reserve = 5_000;

    private readonly OutboxTestContext _context = new();

    public void Dispose() => _context.Dispose();

    private static byte[] Payload(int index) => Json($$"""{"index":{{index}},"text":"{{new string('x', 400)}}"}""");

    [Fact]
    public async Task Reserve_KeepsRoomForAlarms()
    {
        var store = _context.Open(options =>
        {
            options.MaxDiskBytes = Budget;
            options.AlarmReserveBytes = Reserve;
        });

        for (var i = 0; i < 100; i++)
        {
            await store.AppendAsync(OutboxLane.Telemetry, "sample", Payload(i), CancellationToken.None);
        }

        var telemetryBefore = store.Count(OutboxLane.Telemetry);
        Assert.True(store.EstimatedBytes <= Budget - Reserve, $"telemetry holds {store.EstimatedBytes} bytes, more than the budget less the reserve");

        var alarms = new List<long>();
        for (var i = 0; i < 8; i++)
        {
            alarms.Add(await store.AppendAsync(OutboxLane.Alarms, "alarm.raised", Payload(i), CancellationToken.None));
        }

        Assert.Equal(alarms, store.PeekOldest(OutboxLane.Alarms, 100).Select(record => record.Sequence));
        Assert.Equal(telemetryBefore, store.Count(OutboxLane.Telemetry));
        Assert.Equal(0, store.DroppedCount(OutboxLane.Alarms));
        Assert.True(store.DroppedCount(OutboxLane.Telemetry) > 0, "no telemetry was dropped");
    }

    [Fact]
    public async Task Reserve_UsedUp_DropsTelemetryNeverAlarms()
    {
        var store = _context.Open(options =>
        {
            options.MaxDiskBytes = Budget;
            options.AlarmReserveBytes = Reserve;
        });

        await store.AppendAsync(OutboxLane.Telemetry, "sample", Payload(0), CancellationToken.None);
        for (var i = 0; i < 60; i++)
        {
            await store.AppendAsync(OutboxLane.Alarms, "alarm.raised", Payload(i), CancellationToken.None);
        }

        Assert.Equal(60, store.Count(OutboxLane.Alarms));
        Assert.Equal(0, store.Count(OutboxLane.Telemetry));
        Assert.Equal(1, store.DroppedCount(OutboxLane.Telemetry));
        Assert.True(_context.Logger.Has(4006), "the over-budget warning was not logged");
    }

    [Fact]
    public void Reserve_NotBelowBudget_Rejected()
    {
        var options = _context.Options(options =>
        {
            options.MaxDiskBytes = Budget;
            options.AlarmReserveBytes = Budget;
        });

        var problem = Assert.Single(options.Validate());
        Assert.Contains(nameof(OutboxOptions.AlarmReserveBytes), problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Downsampling_ReplacesOldSamplesBySummaries()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 8, 0, 0, TimeSpan.Zero));
        var policy = new MinMaxMeanDownsampling(TimeSpan.FromHours(1), TimeSpan.FromMinutes(1));
        var store = _context.Open(options => options.Downsampling = policy, time);

        var alarm = await store.AppendAsync(OutboxLane.Alarms, "alarm.raised", Payload(0), CancellationToken.None);
        var first = 0L;
        for (var i = 0; i < 30; i++)
        {
            var co2 = await store.AppendAsync(OutboxLane.Telemetry, "sample", Payload(i), new OutboxSample("room-201.co2", 400 + i), CancellationToken.None);
            await store.AppendAsync(OutboxLane.Telemetry, "sample", Payload(i), new OutboxSample("room-201.temp", 20), CancellationToken.None);
            first = i == 0 ? co2 : first;
            time.Advance(TimeSpan.FromSeconds(1));
        }

        var unkeyed = await store.AppendAsync(OutboxLane.Telemetry, "sample", Payload(99), CancellationToken.None);

        time.Advance(TimeSpan.FromHours(2));
        var fresh = await store.AppendAsync(OutboxLane.Telemetry, "sample", Payload(100), new OutboxSample("room-201.co2", 999), CancellationToken.None);

        var records = store.PeekOldest(OutboxLane.Telemetry, 100);
        Assert.Equal(4, records.Count);
        Assert.Equal([first, first + 1, unkeyed, fresh], records.Select(record => record.Sequence));
        Assert.Equal("sample.summary", records[0].Type);
        Assert.Equal(60, store.DownsampledCount(OutboxLane.Telemetry));
        Assert.Equal(1, store.Count(OutboxLane.Alarms));
        Assert.Equal(alarm, store.PeekOldest(OutboxLane.Alarms, 1).Single().Sequence);

        using var summary = JsonDocument.Parse(records[0].Payload);
        var root = summary.RootElement;
        Assert.Equal(30, root.GetProperty("records").GetInt32());
        var point = Assert.Single(root.GetProperty("points").EnumerateArray());
        Assert.Equal("room-201.co2", point.GetProperty("point").GetString());
        Assert.Equal(30, point.GetProperty("count").GetInt32());
        Assert.Equal(400, point.GetProperty("min").GetDouble());
        Assert.Equal(429, point.GetProperty("max").GetDouble());
        Assert.Equal(414.5, point.GetProperty("mean").GetDouble());
        Assert.True(_context.Logger.Has(4015), "the down-sampling was not logged");
    }

    [Fact]
    public async Task Downsampling_SummaryOfSampleInFlightSurvivesItsAcknowledgement()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 8, 0, 0, TimeSpan.Zero));
        var policy = new MinMaxMeanDownsampling(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(1));
        var store = _context.Open(options => options.Downsampling = policy, time);
        for (var i = 0; i < 5; i++)
        {
            await store.AppendAsync(OutboxLane.Telemetry, "sample", Payload(i), new OutboxSample("room-201.co2", 400 + i), CancellationToken.None);
        }

        // The uplink has sent the first two samples and waits for their PUBACK while down-sampling replaces all five.
        var inFlight = store.PeekOldest(OutboxLane.Telemetry, 2);
        time.Advance(TimeSpan.FromMinutes(20));
        await store.AppendAsync(OutboxLane.Events, "door.opened", Payload(0), CancellationToken.None);
        var summary = Assert.Single(store.PeekOldest(OutboxLane.Telemetry, 10));
        Assert.Equal("sample.summary", summary.Type);
        Assert.Equal(inFlight[0].Sequence, summary.Sequence);

        await store.DeleteAsync(OutboxLane.Telemetry, inFlight, CancellationToken.None);

        var left = Assert.Single(store.PeekOldest(OutboxLane.Telemetry, 10));
        Assert.Equal("sample.summary", left.Type);
        Assert.Equal(1, store.Count(OutboxLane.Telemetry));
    }

    [Fact]
    public async Task Downsampling_CountSurvivesReopen()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 8, 0, 0, TimeSpan.Zero));
        var policy = new MinMaxMeanDownsampling(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(1));
        using (var store = new OutboxStore(_context.Options(options => options.Downsampling = policy), time, _context.Logger))
        {
            for (var i = 0; i < 5; i++)
            {
                await store.AppendAsync(OutboxLane.Telemetry, "sample", Payload(i), new OutboxSample("p", i), CancellationToken.None);
            }

            time.Advance(TimeSpan.FromMinutes(20));
            await store.AppendAsync(OutboxLane.Events, "door.opened", Payload(0), CancellationToken.None);
            Assert.Equal(5, store.DownsampledCount(OutboxLane.Telemetry));
        }

        var reopened = _context.Open(timeProvider: time);
        Assert.Equal(5, reopened.DownsampledCount(OutboxLane.Telemetry));
        Assert.Equal(1, reopened.Count(OutboxLane.Telemetry));
    }
}
