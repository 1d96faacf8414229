using SmartCampus.Edge.Sync.Outbox;
using static SmartCampus.Edge.Sync.Tests.Outbox.OutboxTestContext;

namespace SmartCampus.Edge.Sync.Tests.Outbox;

/// <summary>
/// The writer's LiteDB transactions never run beside a reader: LiteDB 5.0.21's engine broke under a drain that
/// deleted records while both uplink connections read the outbox.
/// </summary>
public sealed class OutboxReaderExclusionTests
{
    [Fact]
    public async Task Append_WaitsForReaderInsideLiteDb()
    {
        using var context = new OutboxTestContext();
        var store = context.Open();
        await store.AppendAsync(OutboxLane.Telemetry, "sample", Json(1), CancellationToken.None);

        // A reader thread inside LiteDB, as a peek holds it; the lock has thread affinity, so it is taken on its own thread.
        using var readerInside = new ManualResetEventSlim();
        using var readerDone = new ManualResetEventSlim();
        var reader = new Thread(() =>
        {
            store.ReadGate.EnterReadLock();
            readerInside.Set();
            readerDone.Wait();
            store.ReadGate.ExitReadLock();
        });
        reader.Start();
        readerInside.Wait();

        var append = store.AppendAsync(OutboxLane.Telemetry, "sample", Json(2), CancellationToken.None).AsTask();
        var finishedWhileReading = await Task.WhenAny(append, Task.Delay(TimeSpan.FromMilliseconds(500))) == append;
        readerDone.Set();
        reader.Join();
        var sequence = await append.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(finishedWhileReading);
        Assert.Equal(2, sequence);
        Assert.Equal([1L, 2], store.PeekOldest(OutboxLane.Telemetry, 10).Select(record => record.Sequence));
    }
}
