using System.Runtime.CompilerServices;
using System.Threading.Channels;
using System.Threading.Tasks.Sources;

namespace SmartCampus.Edge.Gateway.Pipeline;

/// <summary>
/// The pipeline's wait for the rest of a device poll: it completes with true when the field channel has a message
/// and with false when the window ends. One timer and at most one channel wait are kept across passes, so a wait
/// allocates nothing, where a channel task, <c>Task.Delay</c> and <c>Task.WhenAny</c> per wait did, about 100 times a
/// second at 10,000 points (docs/benchmarks/gateway.md, "Fourth pass: CPU").
/// </summary>
/// <remarks>
/// Only the pipeline's reader calls <see cref="WaitAsync"/>, one wait at a time. A stop does not end a wait early;
/// it ends within the window.
/// NOTE: the window runs on real time, not on the injected clock: it only bounds a few milliseconds of latency, and
/// a test clock that does not move would otherwise hold every pass.
/// </remarks>
internal sealed class TelemetryWindow : IValueTaskSource<bool>, IDisposable
{
    private readonly ChannelReader<object> _reader;
    private readonly ITimer _timer;
    private readonly Action _onChannelReady;
    private ManualResetValueTaskSourceCore<bool> _completion;

    // A channel wait outlives the window that started it: it completes with the next message, and the next window
    // takes it over, so the channel never has more than one of these waiters.
    private ValueTaskAwaiter<bool> _channelWait;
    private int _channelWaitPending;

    // 1 from the start of a wait until one side (channel or timer) completes it.
    private int _waiting;

    public TelemetryWindow(ChannelReader<object> reader)
    {
        _reader = reader;
        _onChannelReady = OnChannelReady;
        _timer = TimeProvider.System.CreateTimer(static state => ((TelemetryWindow)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Waits up to <paramref name="remaining"/> for another message; false when none came in time.</summary>
    public ValueTask<bool> WaitAsync(TimeSpan remaining)
    {
        if (remaining <= TimeSpan.Zero)
        {
            return new ValueTask<bool>(false);
        }

        if (_reader.TryPeek(out _))
        {
            return new ValueTask<bool>(true);
        }

        _completion.Reset();

        // A full fence, so the channel callback either observes this wait or has cleared _channelWaitPending before the read below.
        Interlocked.Exchange(ref _waiting, 1);
        if (Volatile.Read(ref _channelWaitPending) == 0)
        {
            StartChannelWait();
        }

        _timer.Change(remaining, Timeout.InfiniteTimeSpan);
        return new ValueTask<bool>(this, _completion.Version);
    }

    public void Dispose() => _timer.Dispose();

    bool IValueTaskSource<bool>.GetResult(short token) => _completion.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _completion.GetStatus(token);

    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _completion.OnCompleted(continuation, state, token, flags);

    private void StartChannelWait()
    {
        // Without a cancellation token the channel reuses one waiter object instead of allocating one per call. The
        // ValueTask is consumed exactly once: here when it has completed, else by OnChannelReady through its awaiter.
#pragma warning disable CA2012
        var wait = _reader.WaitToReadAsync(CancellationToken.None);
#pragma warning restore CA2012
        if (wait.IsCompleted)
        {
            Complete(wait.GetAwaiter().GetResult());
            return;
        }

        _channelWait = wait.GetAwaiter();
        Interlocked.Exchange(ref _channelWaitPending, 1);
        _channelWait.UnsafeOnCompleted(_onChannelReady);
    }

    private void OnChannelReady()
    {
        bool ready;
        try
        {
            ready = _channelWait.GetResult();
        }
        catch (Exception exception) when (exception is ChannelClosedException or OperationCanceledException)
        {
            // The pass's own read reports how the channel ended.
            ready = true;
        }

        Interlocked.Exchange(ref _channelWaitPending, 0);
        Complete(ready);
    }

    // Like Task.Delay, the window ends at the timer's tick, which the system timer's coarse clock can bring a few
    // milliseconds early. A tick of an earlier window that arrives late ends the current one early, which only
    // splits one device poll into two records.
    private void OnTimer() => Complete(false);

    private void Complete(bool messageReady)
    {
        if (Interlocked.Exchange(ref _waiting, 0) == 1)
        {
            _completion.SetResult(messageReady);
        }
    }
}
