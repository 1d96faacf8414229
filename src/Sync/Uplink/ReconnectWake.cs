namespace SmartCampus.Edge.Sync.Uplink;

/// <summary>
/// A signal from one district connection to another that the broker is reachable again. The main connection and
/// the alarm connection back off on their own. Without this signal, after an outage one of them could wait out
/// seconds of backoff while the other is already connected, so an alarm would depend on a single lossy connection.
/// </summary>
internal sealed class ReconnectWake
{
    private TaskCompletionSource _signal = NewSignal();

    /// <summary>
    /// The signal for the next connect attempt. Take it before the attempt, so that a connect of the other connection
    /// during the attempt still ends the backoff after it.
    /// </summary>
    public Task Next => Volatile.Read(ref _signal).Task;

    /// <summary>Ends the backoff of every attempt that took <see cref="Next"/> before this call.</summary>
    public void Signal() => Interlocked.Exchange(ref _signal, NewSignal()).TrySetResult();

    /// <summary>Waits for <paramref name="delay"/>, or less when <paramref name="woken"/> completes first.</summary>
    public static async Task DelayAsync(TimeSpan delay, Task woken, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (woken.IsCompleted)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return;
        }

        using var delayCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var elapsed = Task.Delay(delay, timeProvider, delayCancellation.Token);
        await Task.WhenAny(elapsed, woken);
        await delayCancellation.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
