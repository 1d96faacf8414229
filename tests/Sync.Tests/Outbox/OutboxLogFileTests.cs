using SmartCampus.Edge.Sync.Outbox;
using static SmartCampus.Edge.Sync.Tests.Outbox.OutboxTestContext;

namespace SmartCampus.Edge.Sync.Tests.Outbox;

public sealed class OutboxLogFileTests : IDisposable
{
    private const int CheckpointPages = 20;
    private const long PageBytes = 8192;

    private readonly OutboxTestContext _context = new();

    public void Dispose() => _context.Dispose();

    [Fact]
    public async Task LogFile_StaysBoundedWithBusyReader()
    {
        var store = _context.Open(options => options.CheckpointPages = CheckpointPages);
        var payload = Json($$"""{"text":"{{new string('x', 4000)}}"}""");
        using var stop = new CancellationTokenSource();

        // A reader that never pauses keeps LiteDB's own TryCheckpoint from running after most commits.
        var peeks = 0L;
        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                store.PeekOldest(OutboxLane.Telemetry, 50);
                Interlocked.Increment(ref peeks);
            }
        });

        var maxLogBytes = 0L;
        for (var round = 0; round < 40; round++)
        {
            var batch = Enumerable.Range(0, 25)
                .Select(_ => store.AppendAsync(OutboxLane.Telemetry, "sample", payload, CancellationToken.None).AsTask());
            var sequences = await Task.WhenAll(batch);

            // Delete as the uplink would, so the data file reuses its pages and the test exercises both kinds of commit.
            await store.DeleteAsync(OutboxLane.Telemetry, sequences.Take(20).ToList(), CancellationToken.None);
            maxLogBytes = Math.Max(maxLogBytes, store.LogFileBytes);
        }

        await stop.CancelAsync();
        await reader;

        // Bound: twice the CHECKPOINT size, plus one transaction (25 records of 4 KB fit in well under 40 pages).
        var bound = (2 * CheckpointPages * PageBytes) + (40 * PageBytes);
        Assert.True(peeks > 100, $"the reader ran only {peeks} times");
        Assert.True(maxLogBytes <= bound, $"the log file reached {maxLogBytes} bytes, bound {bound}");
        Assert.Equal(40 * 5, store.Count(OutboxLane.Telemetry));
        _context.Logger.AssertNoErrors();
    }

    [Fact]
    public async Task LogFile_CheckpointedOnDispose()
    {
        var store = _context.Open();
        for (var i = 0; i < 20; i++)
        {
            await store.AppendAsync(OutboxLane.Events, "door.open", Json(i), CancellationToken.None);
        }

        Assert.True(store.LogFileBytes > 0, "nothing was written to the log");
        store.Dispose();

        Assert.Equal(0, new FileInfo(_context.Directory.File("outbox-log.db")).Length);
        Assert.Equal(20, _context.Open().Count(OutboxLane.Events));
    }
}
