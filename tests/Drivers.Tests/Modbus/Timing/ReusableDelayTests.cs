using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Drivers.Modbus.Timing;

namespace SmartCampus.Edge.Drivers.Tests.Modbus.Timing;

/// <summary>The reusable delay: it ends at its time, not before, and a cancelled wait leaves the next one intact.</summary>
public sealed class ReusableDelayTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Wait_EndsAtDelay()
    {
        var time = new FakeTimeProvider();
        using var delay = new ReusableDelay(time);

        // The ValueTask reports its source's state at once; a task made from it would complete only after a continuation ran.
        var wait = delay.WaitAsync(TimeSpan.FromMilliseconds(100), CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(99));
        Assert.False(wait.IsCompleted);

        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(wait.IsCompleted);
        await wait.AsTask().WaitAsync(Patience);
    }

    [Fact]
    public async Task CancelledWait_ThenReused()
    {
        var time = new FakeTimeProvider();
        using var delay = new ReusableDelay(time);
        using var cancel = new CancellationTokenSource();

        var cancelled = delay.WaitAsync(TimeSpan.FromSeconds(1), cancel.Token).AsTask();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Patience));

        time.Advance(TimeSpan.FromMilliseconds(600));
        var next = delay.WaitAsync(TimeSpan.FromSeconds(1), CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(400)); // the cancelled wait's due time passes
        Assert.False(next.IsCompleted);

        time.Advance(TimeSpan.FromMilliseconds(600));
        Assert.True(next.IsCompleted);
        await next.AsTask().WaitAsync(Patience);
    }

    [Fact]
    public async Task Wait_EndsRepeatedly()
    {
        var time = new FakeTimeProvider();
        using var delay = new ReusableDelay(time);

        for (var i = 0; i < 5; i++)
        {
            var wait = delay.WaitAsync(TimeSpan.FromMilliseconds(10), CancellationToken.None);
            Assert.False(wait.IsCompleted);
            time.Advance(TimeSpan.FromMilliseconds(10));
            Assert.True(wait.IsCompleted);
            await wait.AsTask().WaitAsync(Patience);
        }
    }

    [Fact]
    public async Task CancelledToken_FailsAtOnce()
    {
        using var delay = new ReusableDelay(new FakeTimeProvider());
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => delay.WaitAsync(TimeSpan.FromSeconds(1), cancel.Token).AsTask());
    }
}
