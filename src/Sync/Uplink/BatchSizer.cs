namespace SmartCampus.Edge.Sync.Uplink;

/// <summary>
/// The byte limit of the next telemetry or events batch. An alarm written to the connection waits behind every byte
/// of the batch ahead of it that TCP has not yet got across, and on a slow or lossy line that wait grows with the
/// batch. The limit starts small after every connect. It doubles after each batch whose PUBACK came within
/// <see cref="QueueTarget"/> of the quickest PUBACK on this connection (the round trip without queueing), up to the
/// configured maximum, and halves after a slower one. On a fast line it reaches the maximum after a few batches.
/// </summary>
/// <remarks>Alarm batches are not limited by it. Used by one batch loop at a time; not thread-safe.</remarks>
internal sealed class BatchSizer
{
    /// <summary>About three TCP segments of 1,460 bytes, so a loss of the last one is found by a tail-loss probe.</summary>
    public const int FirstBatchBytes = 4 * 1024;

    /// <summary>Time a batch may add to the round trip by its size and retransmissions before the limit shrinks.</summary>
    public static readonly TimeSpan QueueTarget = TimeSpan.FromMilliseconds(250);

    private int _max = FirstBatchBytes;
    private TimeSpan _quickest = TimeSpan.MaxValue;

    /// <summary>Current limit in bytes, never above the maximum given to <see cref="Restart"/>.</summary>
    public int Limit { get; private set; } = FirstBatchBytes;

    /// <summary>On connect: back to the first size, with the connection's maximum (the broker may lower it).</summary>
    public void Restart(int maxBatchBytes)
    {
        _max = Math.Max(1, maxBatchBytes);
        _quickest = TimeSpan.MaxValue;
        Limit = Math.Min(FirstBatchBytes, _max);
    }

    /// <summary>After a batch's PUBACK: grows the limit when the batch added little to the round trip, else shrinks it.</summary>
    public void Acknowledged(TimeSpan elapsed)
    {
        if (elapsed < _quickest)
        {
            _quickest = elapsed;
        }

        var next = elapsed - _quickest <= QueueTarget ? (long)Limit * 2 : Limit / 2;
        Limit = (int)Math.Clamp(next, Math.Min(FirstBatchBytes, _max), _max);
    }
}
