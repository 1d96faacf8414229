using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Sync.Outbox;
using static SmartCampus.Edge.Sync.Tests.Outbox.OutboxTestContext;

namespace SmartCampus.Edge.Sync.Tests.Outbox;

public sealed class OutboxCommitWindowTests : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(5);

    private readonly OutboxTestContext _context = new();
    private readonly FakeTimeProvider _time = new();

    public void Dispose() => _context.Dispose();

    [Fact]
    public async Task Telemetry_WaitsForWindow()
    {
        var store = _context.Open(options => options.TelemetryCommitWindow = Window, _time);

        var first = store.AppendAsync(OutboxLane.Telemetry, "sample", Json(1), CancellationToken.None).AsTask();
        var second = store.AppendAsync(OutboxLane.Telemetry, "sample", Json(2), CancellationToken.None).AsTask();

        // The fake clock does not move, so the writer must still be holding the batch open.
        await Task.Delay(100);
        Assert.False(first.IsCompleted);
        Assert.Equal(0, store.CommitCount);

        await AdvanceUntilCompleted(first, second);

        Assert.Equal(1, await first);
        Assert.Equal(2, await second);
        Assert.Equal(1, store.CommitCount);
    }

    [Fact]
    public async Task Telemetry_SystemClock_EveryWindowEnds()
    {
        var store = _context.Open(options => options.TelemetryCommitWindow = Window, TimeProvider.System);

        // One producer that waits for each append, so nothing but the window's own timer can end the window. The
        // system timer counts coarse ticks and often fires before the window is over.
        for (var i = 0; i < 100; i++)
        {
            var append = store.AppendAsync(OutboxLane.Telemetry, "sample", Json(i), CancellationToken.None).AsTask();
            var finished = await Task.WhenAny(append, Task.Delay(TimeSpan.FromSeconds(5)));
            Assert.True(finished == append, $"append {i} was still waiting for its commit window after 5 s");
        }
    }

    [Fact]
    public async Task Alarm_CommitsWaitingTelemetryAtOnce()
    {
        var store = _context.Open(options => options.TelemetryCommitWindow = Window, _time);

        var telemetry = store.AppendAsync(OutboxLane.Telemetry, "sample", Json(1), CancellationToken.None).AsTask();
        var alarm = store.AppendAsync(OutboxLane.Alarms, "alarm.raised", Json(2), CancellationToken.None).AsTask();

        // No clock advance: the alarm alone must end the window.
        await Task.WhenAll(telemetry, alarm).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(1, await telemetry);
        Assert.Equal(2, await alarm);
    }

    [Theory]
    [InlineData(OutboxLane.Alarms)]
    [InlineData(OutboxLane.Events)]
    public async Task UrgentLane_DoesNotWait(OutboxLane lane)
    {
        var store = _context.Open(options => options.TelemetryCommitWindow = Window, _time);

        var sequence = await store.AppendAsync(lane, "x", Json(1), CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(1, sequence);
    }

    [Fact]
    public async Task Delete_SharesWindow()
    {
        var store = _context.Open(options => options.TelemetryCommitWindow = Window, _time);
        var append = store.AppendAsync(OutboxLane.Telemetry, "sample", Json(1), CancellationToken.None).AsTask();
        await AdvanceUntilCompleted(append);

        // The uplink does not wait for its deletes, so they may wait for the window and share one fsync.
        var delete = store.DeleteAsync(OutboxLane.Telemetry, [await append], CancellationToken.None).AsTask();
        await Task.Delay(100);
        Assert.False(delete.IsCompleted, "the delete was committed before the commit window ended");

        await AdvanceUntilCompleted(delete);
        Assert.Equal(0, store.Count(OutboxLane.Telemetry));
    }

    [Fact]
    public async Task Alarm_NotHeldByQueuedDeletes()
    {
        var store = _context.Open(options => options.TelemetryCommitWindow = Window, _time);
        var append = store.AppendAsync(OutboxLane.Telemetry, "sample", Json(1), CancellationToken.None).AsTask();
        await AdvanceUntilCompleted(append);

        var delete = store.DeleteAsync(OutboxLane.Telemetry, [await append], CancellationToken.None).AsTask();
        var alarm = await store.AppendAsync(OutboxLane.Alarms, "alarm.raised", Json(2), CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(alarm > 1, $"alarm sequence {alarm}");
        await AdvanceUntilCompleted(delete);
        Assert.Equal(0, store.Count(OutboxLane.Telemetry));
    }

    /// <summary>
    /// Moves the fake clock in small steps until the tasks finish. The writer thread starts its window wait at a
    /// moment the test cannot see, so a single jump could land before the wait begins.
    /// </summary>
    private async Task AdvanceUntilCompleted(params Task[] tasks)
    {
        var all = Task.WhenAll(tasks);
        for (var step = 0; step < 5000 && !all.IsCompleted; step++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(1));
            await Task.Delay(1);
        }

        Assert.True(all.IsCompleted, "the telemetry commit window never ended");
        await all;
    }
}
