using SmartCampus.Edge.Sync.Outbox;
using static SmartCampus.Edge.Sync.Tests.Outbox.OutboxTestContext;

namespace SmartCampus.Edge.Sync.Tests.Outbox;

/// <summary>
/// Deletes of acknowledged batches whose sequences are not contiguous, reads that reuse one query per thread, and the
/// newest sequence per lane, which lets the uplink skip a read when nothing was appended after its last batch.
/// Alarms acknowledged on two connections leave gaps: the alarm connection deletes what it sent, the main one what
/// was left to it. A delete must remove exactly the acknowledged records, never a range around them.
/// </summary>
public sealed class OutboxBatchTests : IDisposable
{
    private readonly OutboxTestContext _context = new();

    public void Dispose() => _context.Dispose();

    [Fact]
    public async Task DeleteAsync_GappedSequences_KeepsUnacked()
    {
        var store = _context.Open();
        var alarms = await AppendAlarmsAsync(store, 10);
        var acked = new List<long> { alarms[0], alarms[1], alarms[3], alarms[4], alarms[6], alarms[9] };
        var bytesPerRecord = store.EstimatedBytes / 10;

        await store.DeleteAsync(OutboxLane.Alarms, acked, CancellationToken.None);

        Assert.Equal([alarms[2], alarms[5], alarms[7], alarms[8]], store.PeekOldest(OutboxLane.Alarms, 20).Select(record => record.Sequence));
        Assert.Equal(4, store.Count(OutboxLane.Alarms));
        Assert.Equal(4 * bytesPerRecord, store.EstimatedBytes);
    }

    [Fact]
    public async Task DeleteAsync_GappedRecords_KeepsUnacked()
    {
        var store = _context.Open();
        var alarms = await AppendAlarmsAsync(store, 10);
        var peeked = store.PeekOldest(OutboxLane.Alarms, 10);
        var acked = peeked.Where((_, index) => index is not (2 or 5 or 6)).ToList();

        await store.DeleteAsync(OutboxLane.Alarms, acked, CancellationToken.None);

        Assert.Equal([alarms[2], alarms[5], alarms[6]], store.PeekOldest(OutboxLane.Alarms, 20).Select(record => record.Sequence));
        Assert.Equal(3, store.Count(OutboxLane.Alarms));
    }

    [Fact]
    public async Task DeleteAsync_OtherLaneInRange_Kept()
    {
        var store = _context.Open();
        var telemetry = new List<long>();
        var events = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            telemetry.Add(await store.AppendAsync(OutboxLane.Telemetry, "sample", Json(i), CancellationToken.None));
            events.Add(await store.AppendAsync(OutboxLane.Events, "online", Json(i), CancellationToken.None));
        }

        // The telemetry batch spans the events' sequences, and only the telemetry records may go.
        await store.DeleteAsync(OutboxLane.Telemetry, store.PeekOldest(OutboxLane.Telemetry, 5), CancellationToken.None);

        Assert.Equal(0, store.Count(OutboxLane.Telemetry));
        Assert.Equal(events, store.PeekOldest(OutboxLane.Events, 10).Select(record => record.Sequence));
    }

    [Fact]
    public async Task PeekOldest_LargerLimitAfterSmaller_ReadsAll()
    {
        var store = _context.Open();
        var alarms = await AppendAlarmsAsync(store, 6);

        Assert.Single(store.PeekOldest(OutboxLane.Alarms, 1));
        Assert.Equal(alarms, store.PeekOldest(OutboxLane.Alarms, 100).Select(record => record.Sequence));
        Assert.Equal(alarms[4..], store.PeekAfter(OutboxLane.Alarms, alarms[3], 100).Select(record => record.Sequence));
        Assert.Equal(alarms, store.PeekOldest(OutboxLane.Alarms, int.MaxValue).Select(record => record.Sequence));
    }

    [Fact]
    public async Task PeekAfter_ConcurrentReaders_EachOwnRange()
    {
        var store = _context.Open();
        var alarms = await AppendAlarmsAsync(store, 40);

        // Each reader asks for the records after its own position, many times, while the others do the same.
        var readers = Enumerable.Range(0, 4).Select(reader => Task.Run(() =>
        {
            var failures = 0;
            for (var round = 0; round < 300; round++)
            {
                var start = (reader * 10) + (round % 10);
                var read = store.PeekAfter(OutboxLane.Alarms, alarms[start], 3).Select(record => record.Sequence).ToList();
                var expected = alarms.Skip(start + 1).Take(3).ToList();
                failures += read.SequenceEqual(expected) ? 0 : 1;
            }

            return failures;
        })).ToList();

        var failures = await Task.WhenAll(readers);
        Assert.All(failures, count => Assert.Equal(0, count));
    }

    [Fact]
    public async Task NewestSequence_NoRecordAbove()
    {
        var store = _context.Open();
        var alarms = await AppendAlarmsAsync(store, 3);
        var telemetry = await store.AppendAsync(OutboxLane.Telemetry, "sample", Json(1), CancellationToken.None);

        Assert.Equal(alarms[^1], store.NewestSequence(OutboxLane.Alarms));
        Assert.Equal(telemetry, store.NewestSequence(OutboxLane.Telemetry));
        Assert.Equal(0, store.NewestSequence(OutboxLane.Events));

        // A delete leaves it: the uplink's position is at the deleted record, so it has nothing newer to read.
        await store.DeleteAsync(OutboxLane.Alarms, store.PeekOldest(OutboxLane.Alarms, 3), CancellationToken.None);
        Assert.Equal(alarms[^1], store.NewestSequence(OutboxLane.Alarms));
        Assert.Empty(store.PeekAfter(OutboxLane.Alarms, store.NewestSequence(OutboxLane.Alarms), 10));
        store.Dispose();

        // After a reopen every lane starts at the highest sequence handed out, which no record exceeds.
        var reopened = _context.Open();
        foreach (var lane in OutboxLaneNames.All)
        {
            Assert.Equal(telemetry, reopened.NewestSequence(lane));
        }

        var next = await reopened.AppendAsync(OutboxLane.Events, "online", Json(2), CancellationToken.None);
        Assert.Equal(next, reopened.NewestSequence(OutboxLane.Events));
        Assert.Single(reopened.PeekAfter(OutboxLane.Events, next - 1, 10));
    }

    private static async Task<List<long>> AppendAlarmsAsync(OutboxStore store, int count)
    {
        var sequences = new List<long>();
        for (var i = 0; i < count; i++)
        {
            sequences.Add(await store.AppendAsync(OutboxLane.Alarms, "alarm.raised", Json(i), CancellationToken.None));
        }

        return sequences;
    }
}
