using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Sync.Outbox;
using static SmartCampus.Edge.Sync.Tests.Outbox.OutboxTestContext;

namespace SmartCampus.Edge.Sync.Tests.Outbox;

public sealed class OutboxBudgetTests : IDisposable
{
    private const long Budget = 20_000;

    private readonly OutboxTestContext _context = new();

    public void Dispose() => _context.Dispose();

    private static byte[] Payload(int index) => Json($$"""{"index":{{index}},"text":"{{new string('x', 400)}}"}""");

    [Fact]
    public async Task OverBudget_DropsOldestTelemetryKeepsAlarms()
    {
        var store = _context.Open(options => options.MaxDiskBytes = Budget);
        var alarms = new List<long>();
        var telemetry = new List<long>();

        for (var i = 0; i < 100; i++)
        {
            if (i % 10 == 0)
            {
                alarms.Add(await store.AppendAsync(OutboxLane.Alarms, "alarm.raised", Payload(i), CancellationToken.None));
            }

            telemetry.Add(await store.AppendAsync(OutboxLane.Telemetry, "sample", Payload(i), CancellationToken.None));
        }

        var kept = store.PeekOldest(OutboxLane.Telemetry, 1000).Select(record => record.Sequence).ToList();

        Assert.Equal(alarms, store.PeekOldest(OutboxLane.Alarms, 1000).Select(record => record.Sequence));
        Assert.True(kept.Count < telemetry.Count, $"{kept.Count} of {telemetry.Count} telemetry records kept");
        Assert.Equal(telemetry.TakeLast(kept.Count), kept);
        Assert.Equal(telemetry.Count - kept.Count, store.DroppedCount(OutboxLane.Telemetry));
        Assert.Equal(0, store.DroppedCount(OutboxLane.Alarms));
        Assert.True(store.EstimatedBytes <= Budget, $"{store.EstimatedBytes} bytes held, budget {Budget}");
        Assert.Contains(_context.Logger.Entries, entry => entry.EventId == 4005 && entry.Level == LogLevel.Warning);
    }

    [Fact]
    public async Task OverBudget_DropsEventsAfterTelemetry()
    {
        var store = _context.Open(options => options.MaxDiskBytes = Budget);
        var firstTelemetry = await store.AppendAsync(OutboxLane.Telemetry, "sample", Payload(0), CancellationToken.None);

        for (var i = 0; i < 60; i++)
        {
            await store.AppendAsync(OutboxLane.Events, "card.swipe", Payload(i), CancellationToken.None);
        }

        Assert.Equal(0, store.Count(OutboxLane.Telemetry));
        Assert.Equal(1, store.DroppedCount(OutboxLane.Telemetry));
        Assert.True(store.DroppedCount(OutboxLane.Events) > 0, "no event was dropped");
        Assert.True(store.PeekOldest(OutboxLane.Events, 1).Single().Sequence > firstTelemetry + 1, "the oldest event was kept");
    }

    [Fact]
    public async Task OverBudget_AlarmsOnly_KeptAndWarned()
    {
        var store = _context.Open(options => options.MaxDiskBytes = Budget);

        for (var i = 0; i < 60; i++)
        {
            await store.AppendAsync(OutboxLane.Alarms, "alarm.raised", Payload(i), CancellationToken.None);
        }

        Assert.Equal(60, store.Count(OutboxLane.Alarms));
        Assert.Equal(0, store.DroppedCount(OutboxLane.Alarms));
        Assert.True(store.EstimatedBytes > Budget);
        Assert.Contains(_context.Logger.Entries, entry => entry.EventId == 4006);
    }

    [Fact]
    public async Task DroppedCount_SurvivesReopen()
    {
        var store = _context.Open(options => options.MaxDiskBytes = Budget);
        for (var i = 0; i < 80; i++)
        {
            await store.AppendAsync(OutboxLane.Telemetry, "sample", Payload(i), CancellationToken.None);
        }

        var dropped = store.DroppedCount(OutboxLane.Telemetry);
        var bytes = store.EstimatedBytes;
        store.Dispose();

        var reopened = _context.Open(options => options.MaxDiskBytes = Budget);

        Assert.True(dropped > 0, "no record was dropped");
        Assert.Equal(dropped, reopened.DroppedCount(OutboxLane.Telemetry));
        Assert.Equal(bytes, reopened.EstimatedBytes);
    }

    [Fact]
    public async Task Delete_ReleasesBudget()
    {
        var store = _context.Open(options => options.MaxDiskBytes = Budget);
        var sequences = new List<long>();
        for (var i = 0; i < 10; i++)
        {
            sequences.Add(await store.AppendAsync(OutboxLane.Telemetry, "sample", Payload(i), CancellationToken.None));
        }

        var held = store.EstimatedBytes;
        await store.DeleteAsync(OutboxLane.Telemetry, sequences, CancellationToken.None);

        Assert.True(held > 10 * 400, $"only {held} bytes counted for 10 records of 400+ bytes");
        Assert.Equal(0, store.EstimatedBytes);
        Assert.Equal(0, store.DroppedCount(OutboxLane.Telemetry));
    }
}
