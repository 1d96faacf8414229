using System.Threading.Tasks.Sources;

namespace SmartCampus.Edge.Drivers.Modbus.Timing;

/// <summary>
/// A delay awaited by one waiter at a time and reused, so a wait allocates nothing where
/// <see cref="Task.Delay(TimeSpan, TimeProvider, CancellationToken)"/> would allocate a task and a timer: the RTU bus's
/// inter-frame gap before each request, and the poller's wait between polls. The caller must await each wait before
/// it starts the next.
/// </summary>
/// <remarks>
/// The one timer is never stopped for certain: a tick queued for a cancelled wait can arrive during the next one.
/// So each tick checks the monotonic clock and arms the timer again for the rest of the current wait when that wait
/// is not yet due. A wait therefore never ends early.
/// </remarks>
internal sealed class ReusableDelay : IValueTaskSource, IDisposable
{
    private readonly TimeProvider _timeProvider;
    private readonly ITimer _timer;
    private ManualResetValueTaskSourceCore<bool> _completion = new() { RunContinuationsAsynchronously = true };
    private CancellationTokenRegistration _registration;
    private CancellationToken _cancellationToken;
    private long _started;
    private TimeSpan _delay;
    private int _waiting;

    public ReusableDelay(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        _timer = timeProvider.CreateTimer(
            static state => ((ReusableDelay)state!).OnTick(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Completes after <paramref name="delay"/>, or throws <see cref="OperationCanceledException"/> when the token is cancelled first.</summary>
    public ValueTask WaitAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        _completion.Reset();
        _cancellationToken = cancellationToken;
        _started = _timeProvider.GetTimestamp();
        _delay = delay;
        Volatile.Write(ref _waiting, 1);

        _registration = cancellationToken.UnsafeRegister(static state => ((ReusableDelay)state!).Complete(cancelled: true), this);
        _timer.Change(delay, Timeout.InfiniteTimeSpan);
        return new ValueTask(this, _completion.Version);
    }

    public void Dispose() => _timer.Dispose();

    void IValueTaskSource.GetResult(short token)
    {
        try
        {
            _completion.GetResult(token);
        }
        finally
        {
            _registration.Dispose();
            _registration = default;
        }
    }

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _completion.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _completion.OnCompleted(continuation, state, token, flags);

    private void OnTick()
    {
        if (Volatile.Read(ref _waiting) == 0)
        {
            return;
        }

        var remaining = _delay - _timeProvider.GetElapsedTime(_started);
        if (remaining > TimeSpan.Zero)
        {
            _timer.Change(remaining, Timeout.InfiniteTimeSpan); // a stale tick, or a system timer a fraction of a millisecond early
            return;
        }

        Complete(cancelled: false);
    }

    private void Complete(bool cancelled)
    {
        if (Interlocked.Exchange(ref _waiting, 0) == 0)
        {
            return;
        }

        if (cancelled)
        {
            _completion.SetException(new OperationCanceledException(_cancellationToken));
        }
        else
        {
            _completion.SetResult(true);
        }
    }
}
