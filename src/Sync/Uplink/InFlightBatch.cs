namespace SmartCampus.Edge.Sync.Uplink;

/// <summary>
/// A publish that may wait for its PUBACK while the uplink goes on to send alarms: the one telemetry or events batch
/// in flight, or the status (and subscription) after a connect or a heartbeat. Holds the task that publishes it (and
/// deletes a batch's records after the PUBACK), with a cancellation of its own, so that it can be given up when the
/// connection ends. Used by the batch loop only.
/// </summary>
internal sealed class InFlightBatch
{
    private CancellationTokenSource? _cancellation;

    /// <summary>The running batch, returning the number of records delivered; null when none is in flight.</summary>
    public Task<int>? Batch { get; private set; }

    public void Start(Func<CancellationToken, Task<int>> send, CancellationToken stoppingToken)
    {
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        Batch = send(_cancellation.Token);
    }

    /// <summary>Forgets the finished batch; the caller awaits it for its count or its error.</summary>
    public void Clear()
    {
        _cancellation?.Dispose();
        _cancellation = null;
        Batch = null;
    }

    /// <summary>
    /// Cancels the batch and waits until it has ended, whatever its outcome. Its records stay in the outbox unless its
    /// PUBACK came first, and go again on the next connection (at least once).
    /// </summary>
    public async Task AbandonAsync()
    {
        if (Batch is not { } batch)
        {
            return;
        }

        await _cancellation!.CancelAsync();
        await batch.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        Clear();
    }
}
