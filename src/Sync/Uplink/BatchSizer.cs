namespace SmartCampus.Edge.Sync.Uplink;

/// <summary>
/// The byte limit of the next telemetry or events batch. It starts small after every connect and doubles after each
/// batch acknowledged within <see cref="SlowAck"/>, up to the configured maximum; a slower acknowledgement halves it
/// again. An alarm written to the connection waits behind every byte of the batch ahead of it that TCP has not yet
/// got across. On a lossy line each lost segment of that batch can cost a retransmission timeout (200 ms or more,
/// doubling), so a small batch in flight keeps that wait short. On a good line the limit is at its maximum after a
/// few batches.
/// </summary>
/// <remarks>
/// Alarm batches are not limited by it. Used by one batch loop at a time; not thread-safe.
/// NOTE: a rule that grew the limit only while a batch added at most 250 ms to the quickest PUBACK halved the
/// throughput at 20 % loss on a 450 ms round trip (random loss looks like queueing to it) and did not lower the
/// alarm latency there, so the plain 1 s rule stays.
/// </remarks>
internal sealed class BatchSizer
{
    /// <summary>About three TCP segments of 1,460 bytes: a loss of the last one is found by a tail-loss probe.</summary>
    public const int FirstBatchBytes = 4 * 1024;

    /// <summary>An acknowledgement slower than this shows losses or a queue on the line.</summary>
    public static readonly TimeSpan SlowAck = TimeSpan.FromSeconds(1);

    private int _max = FirstBatchBytes;

    /// <summary>Current limit in bytes, never above the maximum given to <see cref="Restart"/>.</summary>
    public int Limit { get; private set; } = FirstBatchBytes;

    /// <summary>On connect: back to the first size, with the connection's maximum (the broker may lower it).</summary>
    public void Restart(int maxBatchBytes)
    {
        _max = Math.Max(1, maxBatchBytes);
        Limit = Math.Min(FirstBatchBytes, _max);
    }

    /// <summary>After a batch's PUBACK: grows the limit after a quick acknowledgement, shrinks it after a slow one.</summary>
    public void Acknowledged(TimeSpan elapsed)
    {
        var next = elapsed <= SlowAck ? (long)Limit * 2 : Limit / 2;
        Limit = (int)Math.Clamp(next, Math.Min(FirstBatchBytes, _max), _max);
    }
}
