namespace SmartCampus.Edge.Gateway.Pipeline;

/// <summary>
/// Monotonic time of the pipeline's last finished pass. The pipeline passes at least once per rule tick (1 s) while
/// it is healthy, so a heartbeat that grows old means the pipeline is stuck, e.g. on an outbox commit that never
/// completes. The systemd watchdog is fed only while the heartbeat is fresh.
/// </summary>
public sealed class PipelineHeartbeat(TimeProvider timeProvider)
{
    private readonly TaskCompletionSource _firstBeat = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastBeat;

    /// <summary>Records a finished pass.</summary>
    public void Beat()
    {
        Volatile.Write(ref _lastBeat, timeProvider.GetTimestamp());
        _firstBeat.TrySetResult();
    }

    /// <summary>Time since the last pass, or null before the first.</summary>
    public TimeSpan? SinceLastBeat => _firstBeat.Task.IsCompleted ? timeProvider.GetElapsedTime(Volatile.Read(ref _lastBeat)) : null;

    /// <summary>Completes at the first pass of the pipeline.</summary>
    public Task WaitForFirstBeatAsync(CancellationToken cancellationToken) => _firstBeat.Task.WaitAsync(cancellationToken);
}
