using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Sync.Outbox;

namespace SmartCampus.Edge.Gateway.Tests.Metrics;

/// <summary>Outbox instruments read from a real LiteDB file in a temporary folder.</summary>
public sealed class OutboxMetricsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("smartcampus-outbox-metrics-").FullName;

    [Fact]
    public async Task Backlog_FollowsAppendsAndDeletes()
    {
        using var metrics = new MetricsRecorder();
        var appendsBefore = metrics.Sum("smartcampus.outbox.appends", ("lane", "events"));
        using var store = new OutboxStore(new OutboxOptions { DatabasePath = Path.Combine(_directory, "outbox.db") }, TimeProvider.System, NullLogger<OutboxStore>.Instance);

        // An odd count, so that another test's store is unlikely to report the same backlog at the same time.
        var sequences = new List<long>();
        for (var i = 0; i < 7; i++)
        {
            sequences.Add(await store.AppendAsync(OutboxLane.Events, "test", """{"n":1}"""u8.ToArray(), CancellationToken.None));
        }

        Assert.True(metrics.Sum("smartcampus.outbox.appends", ("lane", "events")) - appendsBefore >= 7);
        Assert.Contains(7, metrics.Observe("smartcampus.outbox.backlog", ("lane", "events")));
        Assert.Contains(metrics.Observe("smartcampus.outbox.file_bytes"), bytes => bytes > 0);

        await store.DeleteAsync(OutboxLane.Events, sequences.Take(4).ToList(), CancellationToken.None);
        Assert.Contains(3, metrics.Observe("smartcampus.outbox.backlog", ("lane", "events")));
        Assert.Contains(sequences[^1], metrics.Observe("smartcampus.outbox.last_sequence").Select(value => (long)value));
    }

    [Fact]
    public async Task OldestAge_FollowsClockUntilClosed()
    {
        using var metrics = new MetricsRecorder();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 9, 1, 8, 0, 0, TimeSpan.Zero));
        var store = new OutboxStore(new OutboxOptions { DatabasePath = Path.Combine(_directory, "aged.db") }, clock, NullLogger<OutboxStore>.Instance);
        await store.AppendAsync(OutboxLane.Alarms, "test", """{"n":2}"""u8.ToArray(), CancellationToken.None);

        // 4321 s: a value no other test's store reports.
        clock.Advance(TimeSpan.FromSeconds(4321));
        Assert.Contains(4321, metrics.Observe("smartcampus.outbox.oldest_age", ("lane", "alarms")));

        store.Dispose();
        Assert.DoesNotContain(4321, metrics.Observe("smartcampus.outbox.oldest_age", ("lane", "alarms")));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
