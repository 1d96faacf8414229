using SmartCampus.Edge.Sync.Outbox;

namespace SmartCampus.Edge.Sync.Uplink;

/// <summary>
/// Deletes of acknowledged batches that the uplink does not wait for, and the last sequence sent on each lane, so the
/// next batch is read after it. A delete is queued only after its batch's PUBACK; its commit and fsync then run on
/// the outbox writer while the next batch is read, built and published, and several deletes share one fsync.
/// One connection's worth of state: <see cref="SettleAsync"/> waits for the deletes and clears the positions.
/// Thread-safe: an alarm batch is acknowledged while a telemetry batch is still in flight.
/// </summary>
internal sealed class DeliveredBatches
{
    // Bounds the deletes queued ahead of the writer, so that a slow disk slows the drain instead of filling memory,
    // and so that the commit an alarm may have to wait for contains a few batches of deletes, not a backlog of them.
    private const int MaxPendingDeletes = 4;

    private readonly OutboxStore _outbox;
    private readonly Dictionary<OutboxLane, long> _sentUpTo = [];
    private readonly Queue<Task> _pending = new();
    private readonly Lock _lock = new();

    public DeliveredBatches(OutboxStore outbox)
    {
        _outbox = outbox;
    }

    public bool HasPendingDeletes
    {
        get
        {
            lock (_lock)
            {
                return _pending.Count > 0;
            }
        }
    }

    /// <summary>The highest sequence of the lane sent in this connection, or 0 to read from the oldest record.</summary>
    public long SentUpTo(OutboxLane lane)
    {
        lock (_lock)
        {
            return _sentUpTo.GetValueOrDefault(lane);
        }
    }

    /// <summary>
    /// Queues the delete of an acknowledged batch and moves the lane's position past it. Waits only while too many
    /// deletes are queued; throws the error of a failed earlier delete.
    /// </summary>
    public async Task DeleteAsync(OutboxLane lane, IReadOnlyList<OutboxRecord> records)
    {
        lock (_lock)
        {
            _sentUpTo[lane] = records[^1].Sequence;

            // Not cancellable: the broker has the batch, so the delete must not be skipped.
            _pending.Enqueue(_outbox.DeleteAsync(lane, records, CancellationToken.None).AsTask());
        }

        while (Next(all: false) is { } delete)
        {
            await delete;
        }
    }

    /// <summary>
    /// Waits until every queued delete is committed; throws the first failure. A stop ends the wait, not the deletes:
    /// the outbox commits those still queued when it closes.
    /// </summary>
    public async Task FlushAsync(CancellationToken stoppingToken)
    {
        while (Next(all: true) is { } delete)
        {
            await delete.WaitAsync(stoppingToken);
        }
    }

    /// <summary>Reads the lane from its oldest record again, e.g. when records remain below the position.</summary>
    public void Rewind(OutboxLane lane)
    {
        lock (_lock)
        {
            _sentUpTo.Remove(lane);
        }
    }

    /// <summary>
    /// At the end of a connection: waits for every queued delete, whatever the others do, and clears the positions,
    /// so the next connection starts from the oldest record of each lane. Returns the failures. At stop the wait ends
    /// early: the outbox commits the deletes still queued when it closes, and the next start reads every lane from its
    /// oldest record anyway.
    /// </summary>
    public async Task<IReadOnlyList<Exception>> SettleAsync(CancellationToken stoppingToken)
    {
        var failures = new List<Exception>();
        while (Next(all: true) is { } delete)
        {
            try
            {
                await delete.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // The records stay in the outbox and go again: at least once, as after any failed delete.
                failures.Add(exception);
            }
        }

        lock (_lock)
        {
            _sentUpTo.Clear();
        }

        return failures;
    }

    /// <summary>
    /// Takes the oldest queued delete to wait for: any (<paramref name="all"/>), or only while too many are queued or
    /// the oldest has finished. Null when there is none to wait for.
    /// </summary>
    private Task? Next(bool all)
    {
        lock (_lock)
        {
            var take = _pending.Count > 0 && (all || _pending.Count > MaxPendingDeletes || _pending.Peek().IsCompleted);
            return take ? _pending.Dequeue() : null;
        }
    }
}
