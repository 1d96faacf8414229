using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Sync.Outbox;
using static SmartCampus.Edge.Sync.Tests.Outbox.OutboxTestContext;

namespace SmartCampus.Edge.Sync.Tests.Outbox;

/// <summary>Compaction of a real LiteDB file that grew with a backlog and shrinks after it drained.</summary>
public sealed class OutboxCompactionTests : IDisposable
{
    private const int Backlog = 6000;

    private readonly OutboxTestContext _context = new();

    public void Dispose() => _context.Dispose();

    private static byte[] Payload(int index) => Json($$"""{"index":{{index}},"text":"{{new string('x', 300)}}"}""");

    [Fact]
    public async Task Compact_AfterDrain_ShrinksFileKeepsRecords()
    {
        var store = _context.Open(options => options.CompactionInterval = TimeSpan.Zero);
        var (kept, drained) = await FillAndDrainAsync(store);
        var grown = store.FileBytes;
        var dropped = store.DroppedCount(OutboxLane.Telemetry);

        var reclaimed = await store.CompactAsync(CancellationToken.None);

        Assert.True(store.FileBytes < grown / 4, $"the files have {store.FileBytes} bytes after compaction, {grown} before");
        Assert.True(reclaimed > 0, "no bytes reclaimed");
        Assert.Equal(kept, AllSequences(store));
        Assert.Equal(dropped, store.DroppedCount(OutboxLane.Telemetry));
        Assert.False(File.Exists(_context.DatabasePath + ".compact"));

        // Appends and deletes go on in the new file, and sequences keep counting up.
        var next = await store.AppendAsync(OutboxLane.Alarms, "alarm.raised", Payload(1), CancellationToken.None);
        Assert.True(next > drained.Max(), $"sequence {next} after compaction is not above {drained.Max()}");
        await store.DeleteAsync(OutboxLane.Events, [.. store.PeekOldest(OutboxLane.Events, 10).Select(record => record.Sequence)], CancellationToken.None);
    }

    [Fact]
    public async Task Compact_WhileAppendingAndReading_NothingLost()
    {
        var store = _context.Open(options => options.CompactionInterval = TimeSpan.Zero);
        var (kept, _) = await FillAndDrainAsync(store);
        using var stop = new CancellationTokenSource();

        // The uplink reads from its own task while the writer swaps the file.
        var reads = 0;
        var reader = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                _ = store.PeekOldest(OutboxLane.Telemetry, 50);
                reads++;
                await Task.Yield();
            }
        });
        var appends = Enumerable.Range(0, 500)
            .Select(index => store.AppendAsync(OutboxLane.Telemetry, "sample", Payload(index), CancellationToken.None).AsTask())
            .ToList();
        var compaction = store.CompactAsync(CancellationToken.None);
        var appended = await Task.WhenAll(appends);
        await compaction;
        await stop.CancelAsync();
        await reader;

        Assert.Equal([.. kept.Concat(appended).Order()], AllSequences(store));
        Assert.True(reads > 0, "the reader never ran");
    }

    [Fact]
    public async Task Compact_SurvivesReopen()
    {
        List<long> kept;
        long last;
        using (var store = _context.Open(options => options.CompactionInterval = TimeSpan.Zero))
        {
            (kept, _) = await FillAndDrainAsync(store);
            await store.CompactAsync(CancellationToken.None);
            last = store.LastSequence;
        }

        using var reopened = new OutboxStore(_context.Options(), new FakeTimeProvider(), _context.Logger);

        Assert.Null(reopened.Recovery);
        Assert.Equal(kept, AllSequences(reopened));
        Assert.Equal(last, reopened.LastSequence);
    }

    [Fact]
    public async Task Idle_CompactsOnSchedule()
    {
        var time = new FakeTimeProvider();
        var store = _context.Open(
            options =>
            {
                options.CompactionInterval = TimeSpan.FromMinutes(10);
                options.CompactionMinFreeBytes = 256 * 1024;
            },
            time);
        var (kept, _) = await FillAndDrainAsync(store);
        var grown = store.FileBytes;

        time.Advance(TimeSpan.FromMinutes(9));
        await Task.Delay(200);
        Assert.Equal(grown, store.FileBytes);

        time.Advance(TimeSpan.FromMinutes(2));
        await WaitUntilAsync(() => _context.Logger.Has(4017), "the scheduled compaction");

        Assert.True(store.FileBytes < grown / 4, $"the files have {store.FileBytes} bytes after the scheduled compaction, {grown} before");
        Assert.Equal(kept, AllSequences(store));
    }

    [Fact]
    public async Task Idle_LittleFreeSpace_NotCompacted()
    {
        var time = new FakeTimeProvider();
        var store = _context.Open(options => options.CompactionInterval = TimeSpan.FromMinutes(10), time);
        await FillAndDrainAsync(store);

        // The default threshold (64 MiB) is far above what this small backlog left free.
        time.Advance(TimeSpan.FromMinutes(11));
        await store.AppendAsync(OutboxLane.Events, "event", Payload(0), CancellationToken.None);
        await Task.Delay(200);

        Assert.False(_context.Logger.Has(4017), "compacted although little space was free");
    }

    [Fact]
    public async Task StaleCompactFile_DeletedAtOpen()
    {
        using (var store = _context.Open())
        {
            await store.AppendAsync(OutboxLane.Alarms, "alarm.raised", Payload(0), CancellationToken.None);
        }

        // What a crash in the middle of a compaction leaves: a half-written new file beside the complete old one.
        await File.WriteAllBytesAsync(_context.DatabasePath + ".compact", new byte[8192 * 3]);
        using var reopened = new OutboxStore(_context.Options(), new FakeTimeProvider(), _context.Logger);

        Assert.False(File.Exists(_context.DatabasePath + ".compact"));
        Assert.Equal(1, reopened.Count(OutboxLane.Alarms));
    }

    /// <summary>Appends a backlog to every lane, then deletes most of it as a drain would; returns what is left and what went.</summary>
    private static async Task<(List<long> Kept, List<long> Drained)> FillAndDrainAsync(OutboxStore store)
    {
        var appends = new List<Task<long>>();
        for (var i = 0; i < Backlog; i++)
        {
            var lane = (i % 20) switch { 0 => OutboxLane.Alarms, < 4 => OutboxLane.Events, _ => OutboxLane.Telemetry };
            appends.Add(store.AppendAsync(lane, "sample", Payload(i), CancellationToken.None).AsTask());
        }

        await Task.WhenAll(appends);

        var drained = new List<long>();
        foreach (var lane in OutboxLaneNames.All)
        {
            var records = store.PeekOldest(lane, int.MaxValue);
            var sent = records.Take(records.Count - 20).Select(record => record.Sequence).ToList();
            await store.DeleteAsync(lane, sent, CancellationToken.None);
            drained.AddRange(sent);
        }

        return (AllSequences(store), drained);
    }

    private static List<long> AllSequences(OutboxStore store) =>
        [.. OutboxLaneNames.All.SelectMany(lane => store.PeekOldest(lane, int.MaxValue).Select(record => record.Sequence)).Order()];

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(20);
        }
    }
}
