using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Sync.Outbox;
using static SmartCampus.Edge.Sync.Tests.Outbox.OutboxTestContext;

namespace SmartCampus.Edge.Sync.Tests.Outbox;

public sealed class OutboxStoreTests : IDisposable
{
    private readonly OutboxTestContext _context = new();

    public void Dispose() => _context.Dispose();

    [Fact]
    public async Task PeekOldest_FifoPerLane()
    {
        var store = _context.Open();

        var telemetry1 = await store.AppendAsync(OutboxLane.Telemetry, "sample", Json(1), CancellationToken.None);
        var alarm1 = await store.AppendAsync(OutboxLane.Alarms, "alarm.raised", Json(2), CancellationToken.None);
        var telemetry2 = await store.AppendAsync(OutboxLane.Telemetry, "sample", Json(3), CancellationToken.None);
        var event1 = await store.AppendAsync(OutboxLane.Events, "online", Json(4), CancellationToken.None);
        var telemetry3 = await store.AppendAsync(OutboxLane.Telemetry, "sample", Json(5), CancellationToken.None);
        var alarm2 = await store.AppendAsync(OutboxLane.Alarms, "alarm.cleared", Json(6), CancellationToken.None);

        Assert.Equal([1L, 2, 3, 4, 5, 6], [telemetry1, alarm1, telemetry2, event1, telemetry3, alarm2]);
        Assert.Equal([telemetry1, telemetry2, telemetry3], store.PeekOldest(OutboxLane.Telemetry, 10).Select(r => r.Sequence));
        Assert.Equal([alarm1, alarm2], store.PeekOldest(OutboxLane.Alarms, 10).Select(r => r.Sequence));
        Assert.Equal([event1], store.PeekOldest(OutboxLane.Events, 10).Select(r => r.Sequence));
        Assert.Equal([telemetry1, telemetry2], store.PeekOldest(OutboxLane.Telemetry, 2).Select(r => r.Sequence));
        Assert.Equal(3, store.Count(OutboxLane.Telemetry));
        Assert.Equal(2, store.Count(OutboxLane.Alarms));
        Assert.Equal(1, store.Count(OutboxLane.Events));
    }

    [Fact]
    public async Task DeleteAsync_RemovesOnlyGivenRecords()
    {
        var store = _context.Open();
        var sequences = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            sequences.Add(await store.AppendAsync(OutboxLane.Telemetry, "sample", Json(i), CancellationToken.None));
        }

        var alarm = await store.AppendAsync(OutboxLane.Alarms, "alarm.raised", Json(99), CancellationToken.None);

        // The alarm's sequence is passed for the wrong lane and must not delete it; 12345 does not exist at all.
        await store.DeleteAsync(OutboxLane.Telemetry, [sequences[0], sequences[1], alarm, 12345], CancellationToken.None);

        Assert.Equal(sequences.Skip(2), store.PeekOldest(OutboxLane.Telemetry, 10).Select(r => r.Sequence));
        Assert.Equal(3, store.Count(OutboxLane.Telemetry));
        Assert.Equal([alarm], store.PeekOldest(OutboxLane.Alarms, 10).Select(r => r.Sequence));
        Assert.Equal(1, store.Count(OutboxLane.Alarms));
    }

    [Fact]
    public async Task PeekAfter_SkipsUpToSequence()
    {
        var store = _context.Open();
        var telemetry = new List<long>();
        for (var i = 0; i < 6; i++)
        {
            telemetry.Add(await store.AppendAsync(OutboxLane.Telemetry, "sample", Json(i), CancellationToken.None));
            _ = await store.AppendAsync(OutboxLane.Events, "online", Json(i), CancellationToken.None);
        }

        Assert.Equal(telemetry[..3], store.PeekAfter(OutboxLane.Telemetry, 0, 3).Select(r => r.Sequence));
        Assert.Equal(telemetry[3..5], store.PeekAfter(OutboxLane.Telemetry, telemetry[2], 2).Select(r => r.Sequence));

        // An event's sequence lies between two telemetry records; the read starts after it all the same.
        Assert.Equal(telemetry[4..], store.PeekAfter(OutboxLane.Telemetry, telemetry[3] + 1, 10).Select(r => r.Sequence));
        Assert.Empty(store.PeekAfter(OutboxLane.Telemetry, telemetry[^1], 10));
    }

    [Fact]
    public async Task DeleteAsync_RecordsKeepsTotals()
    {
        var store = _context.Open();
        for (var i = 0; i < 4; i++)
        {
            _ = await store.AppendAsync(OutboxLane.Events, "online", Json(i), CancellationToken.None);
        }

        var bytesBefore = store.EstimatedBytes;
        var records = store.PeekOldest(OutboxLane.Events, 3);
        await store.DeleteAsync(OutboxLane.Events, records, CancellationToken.None);

        // Deleted a second time, e.g. after a resend: already gone, so the totals do not move again.
        await store.DeleteAsync(OutboxLane.Events, records, CancellationToken.None);

        var kept = Assert.Single(store.PeekOldest(OutboxLane.Events, 10));
        Assert.Equal(1, store.Count(OutboxLane.Events));
        Assert.Equal(bytesBefore / 4, store.EstimatedBytes);
        Assert.DoesNotContain(kept.Sequence, records.Select(r => r.Sequence));
    }

    [Fact]
    public async Task Records_SurviveReopen()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 9, 1, 7, 30, 0, TimeSpan.Zero));
        var store = _context.Open(timeProvider: time);

        await store.AppendAsync(OutboxLane.Alarms, "alarm.raised", Json("""{"rule":"fire","level":"critical"}"""), CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(1500));
        await store.AppendAsync(OutboxLane.Telemetry, "sample", Json("""{"value":21.5,"text":"温度"}"""), CancellationToken.None);
        store.Dispose();

        var reopened = _context.Open(timeProvider: time);

        var alarm = Assert.Single(reopened.PeekOldest(OutboxLane.Alarms, 10));
        Assert.Equal(1, alarm.Sequence);
        Assert.Equal(OutboxLane.Alarms, alarm.Lane);
        Assert.Equal("alarm.raised", alarm.Type);
        Assert.Equal(Json("""{"rule":"fire","level":"critical"}"""), alarm.Payload);
        Assert.Equal(new DateTimeOffset(2025, 9, 1, 7, 30, 0, TimeSpan.Zero), alarm.CreatedAt);

        var sample = Assert.Single(reopened.PeekOldest(OutboxLane.Telemetry, 10));
        Assert.Equal(2, sample.Sequence);
        Assert.Equal(Json("""{"value":21.5,"text":"温度"}"""), sample.Payload);
        Assert.Equal(new DateTimeOffset(2025, 9, 1, 7, 30, 1, 500, TimeSpan.Zero), sample.CreatedAt);
        Assert.Equal(2, reopened.LastSequence);
    }

    [Fact]
    public async Task Sequence_NotReusedAfterDeleteAndReopen()
    {
        var store = _context.Open();
        var sequences = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            sequences.Add(await store.AppendAsync(OutboxLane.Events, "door.forced", Json(i), CancellationToken.None));
        }

        // Deleting the newest records is what makes LiteDB's own auto-id hand the same numbers out again.
        await store.DeleteAsync(OutboxLane.Events, sequences.Skip(2).ToList(), CancellationToken.None);
        store.Dispose();

        var reopened = _context.Open();
        var next = await reopened.AppendAsync(OutboxLane.Events, "door.forced", Json(5), CancellationToken.None);

        Assert.Equal(5, sequences[^1]);
        Assert.Equal(6, next);
    }

    [Fact]
    public async Task Sequence_NotReusedAfterDeletingAll()
    {
        var store = _context.Open();
        var first = await store.AppendAsync(OutboxLane.Telemetry, "sample", Json(1), CancellationToken.None);
        var second = await store.AppendAsync(OutboxLane.Alarms, "alarm.raised", Json(2), CancellationToken.None);
        await store.DeleteAsync(OutboxLane.Telemetry, [first], CancellationToken.None);
        await store.DeleteAsync(OutboxLane.Alarms, [second], CancellationToken.None);
        store.Dispose();

        var reopened = _context.Open();
        var next = await reopened.AppendAsync(OutboxLane.Alarms, "alarm.raised", Json(3), CancellationToken.None);

        Assert.Equal(3, next);
        Assert.Equal(1, reopened.Count(OutboxLane.Alarms));
        Assert.Equal(0, reopened.Count(OutboxLane.Telemetry));
    }

    [Fact]
    public async Task Append_ConcurrentTasks_AllDistinctAndPresent()
    {
        const int tasks = 16;
        const int appendsPerTask = 50;
        var store = _context.Open(options => options.TelemetryCommitWindow = TimeSpan.FromMilliseconds(2), TimeProvider.System);

        var results = await Task.WhenAll(Enumerable.Range(0, tasks).Select(task => Task.Run(async () =>
        {
            var lane = task % 4 == 0 ? OutboxLane.Alarms : OutboxLane.Telemetry;
            var own = new List<long>();
            for (var i = 0; i < appendsPerTask; i++)
            {
                own.Add(await store.AppendAsync(lane, "sample", Json((task * 1000) + i), CancellationToken.None));
            }

            return (Lane: lane, Sequences: own);
        })));

        var all = results.SelectMany(result => result.Sequences).ToList();
        Assert.Equal(tasks * appendsPerTask, all.Distinct().Count());
        Assert.All(results, result => Assert.Equal(result.Sequences.Order(), result.Sequences));

        var stored = store.PeekOldest(OutboxLane.Telemetry, 10_000).Concat(store.PeekOldest(OutboxLane.Alarms, 10_000)).ToList();
        Assert.Equal(all.Order(), stored.Select(record => record.Sequence).Order());
        Assert.All(stored, record =>
            Assert.Equal(results.Single(result => result.Sequences.Contains(record.Sequence)).Lane, record.Lane));

        // Group commit: many appends share one transaction and one fsync.
        Assert.True(store.CommitCount < tasks * appendsPerTask, $"{store.CommitCount} commits for {tasks * appendsPerTask} appends");
    }

    [Fact]
    public async Task Append_FsyncsLogBeforeReturning()
    {
        var store = _context.Open();
        var flushesBefore = store.LogFlushCount;
        var commitsBefore = store.CommitCount;

        await store.AppendAsync(OutboxLane.Alarms, "alarm.raised", Json(1), CancellationToken.None);

        Assert.Equal(commitsBefore + 1, store.CommitCount);
        Assert.True(store.LogFlushCount > flushesBefore, "the log was not fsynced after the commit");
    }

    [Fact]
    public async Task Append_AcceptedRecordIsInFiles()
    {
        var store = _context.Open();
        var sequence = await store.AppendAsync(OutboxLane.Alarms, "alarm.raised", Json("""{"rule":"smoke"}"""), CancellationToken.None);

        // Copy the files as a killed process would leave them: cp takes no flock, the store keeps running.
        using var copy = new Support.TempDirectory();
        Copy(_context.DatabasePath, copy.File("outbox.db"));
        Copy(_context.Directory.File("outbox-log.db"), copy.File("outbox-log.db"));

        using var copied = new OutboxStore(new OutboxOptions { DatabasePath = copy.File("outbox.db") }, new FakeTimeProvider(), _context.Logger);
        var record = Assert.Single(copied.PeekOldest(OutboxLane.Alarms, 10));
        Assert.Equal(sequence, record.Sequence);
        Assert.Equal(Json("""{"rule":"smoke"}"""), record.Payload);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("""{"a":1} x""")]
    [InlineData("""{ “model”: “T1000” }""")]
    [InlineData("""{"a":1}{"b":2}""")]
    public async Task Append_RejectsInvalidJson(string payload)
    {
        var store = _context.Open();

        await Assert.ThrowsAsync<ArgumentException>(async () =>
            await store.AppendAsync(OutboxLane.Telemetry, "sample", Json(payload), CancellationToken.None));

        var next = await store.AppendAsync(OutboxLane.Telemetry, "sample", Json(1), CancellationToken.None);
        Assert.Equal(1, next);
        Assert.Equal(1, store.Count(OutboxLane.Telemetry));
    }

    [Fact]
    public async Task Append_RejectsInvalidUtf8()
    {
        var store = _context.Open();
        byte[] payload = [(byte)'"', 0xC3, 0x28, (byte)'"'];

        await Assert.ThrowsAsync<ArgumentException>(async () =>
            await store.AppendAsync(OutboxLane.Telemetry, "sample", payload, CancellationToken.None));
        Assert.Equal(0, store.Count(OutboxLane.Telemetry));
    }

    [Fact]
    public async Task Append_RejectsOversizedPayload()
    {
        var store = _context.Open(options => options.MaxPayloadBytes = 64);
        var payload = Json($$"""{"text":"{{new string('x', 64)}}"}""");

        var exception = await Assert.ThrowsAsync<ArgumentException>(async () =>
            await store.AppendAsync(OutboxLane.Events, "notice", payload, CancellationToken.None));
        Assert.Contains("64 bytes", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitForRecords_CompletesAfterAppend()
    {
        var store = _context.Open();
        var wait = store.WaitForRecordsAsync(CancellationToken.None);
        Assert.False(wait.IsCompleted);

        await store.AppendAsync(OutboxLane.Events, "online", Json(1), CancellationToken.None);

        await wait.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(store.WaitForRecordsAsync(CancellationToken.None).IsCompleted);
    }

    [Fact]
    public async Task WaitForRecords_Cancels()
    {
        var store = _context.Open();
        using var cancellation = new CancellationTokenSource();
        var wait = store.WaitForRecordsAsync(cancellation.Token);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
    }

    [Fact]
    public async Task Dispose_CommitsQueuedTelemetry()
    {
        var time = new FakeTimeProvider();
        var store = _context.Open(options => options.TelemetryCommitWindow = TimeSpan.FromSeconds(30), time);

        // The clock never moves, so only the dispose can end the commit window.
        var append = store.AppendAsync(OutboxLane.Telemetry, "sample", Json(1), CancellationToken.None).AsTask();
        store.Dispose();

        Assert.Equal(1, await append.WaitAsync(TimeSpan.FromSeconds(5)));
        var reopened = _context.Open();
        Assert.Equal(1, reopened.Count(OutboxLane.Telemetry));
    }

    [Fact]
    public async Task Append_AfterDispose_Throws()
    {
        var store = _context.Open();
        store.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () =>
            await store.AppendAsync(OutboxLane.Telemetry, "sample", Json(1), CancellationToken.None));
    }

    private static void Copy(string source, string target)
    {
        using var copy = Process.Start("/bin/cp", [source, target]);
        copy.WaitForExit();
        Assert.Equal(0, copy.ExitCode);
    }
}
