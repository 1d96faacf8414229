using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Sync.Uplink;

namespace SmartCampus.Edge.Sync.Tests.Uplink;

public sealed class ReconnectWakeTests
{
    private static readonly TimeSpan Backoff = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Delay_EndsOnSignal()
    {
        var time = new FakeTimeProvider();
        var wake = new ReconnectWake();

        var waiting = ReconnectWake.DelayAsync(Backoff, wake.Next, time, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(waiting.IsCompleted);

        wake.Signal();
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(waiting.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Delay_SignalDuringAttemptSkipsBackoff()
    {
        var time = new FakeTimeProvider();
        var wake = new ReconnectWake();

        // The attempt takes the signal first; the other connection connects while the attempt still runs.
        var woken = wake.Next;
        wake.Signal();
        var waiting = ReconnectWake.DelayAsync(Backoff, woken, time, CancellationToken.None);

        Assert.True(waiting.IsCompletedSuccessfully);
        await waiting;
    }

    [Fact]
    public async Task Delay_OldSignalDoesNotWakeNextAttempt()
    {
        var time = new FakeTimeProvider();
        var wake = new ReconnectWake();
        wake.Signal();

        var waiting = ReconnectWake.DelayAsync(Backoff, wake.Next, time, CancellationToken.None);
        time.Advance(Backoff - TimeSpan.FromSeconds(1));
        Assert.False(waiting.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(1));
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(waiting.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Delay_StopCancels()
    {
        var time = new FakeTimeProvider();
        var wake = new ReconnectWake();
        using var stopping = new CancellationTokenSource();

        var waiting = ReconnectWake.DelayAsync(Backoff, wake.Next, time, stopping.Token);
        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }
}
