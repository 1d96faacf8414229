namespace SmartCampus.Edge.Drivers.Modbus.Rtu;

/// <summary>
/// Grants a shared bus to one transaction at a time: the waiter with the highest priority first, and waiters of one
/// priority in arrival order. A waiter whose token is cancelled leaves the queue.
/// </summary>
internal sealed class ModbusBusScheduler
{
    private readonly Lock _lock = new();
    private readonly PriorityQueue<TaskCompletionSource, (int Priority, long Sequence)> _waiting = new();
    private long _sequence;
    private bool _busy;

    /// <summary>Transactions waiting for the bus now.</summary>
    public int QueueLength
    {
        get
        {
            lock (_lock)
            {
                return _waiting.Count;
            }
        }
    }

    /// <summary>Waits for the bus. The caller must call <see cref="Release"/> once it is done.</summary>
    public ValueTask AcquireAsync(ModbusPollPriority priority, CancellationToken cancellationToken)
    {
        TaskCompletionSource turn;
        lock (_lock)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!_busy)
            {
                _busy = true;
                return ValueTask.CompletedTask; // The bus is free, as for every poll on a quiet line, so nothing is allocated.
            }

            turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Enqueue(turn, (-(int)priority, _sequence++));
        }

        return WaitForTurnAsync(turn, cancellationToken);
    }

    private static async ValueTask WaitForTurnAsync(TaskCompletionSource turn, CancellationToken cancellationToken)
    {
        // A cancelled waiter stays in the queue until Release skips it: TrySetResult fails on a cancelled source.
        await using var registration = cancellationToken.Register(() => turn.TrySetCanceled(cancellationToken));
        await turn.Task;
    }

    /// <summary>Hands the bus to the next waiter, or marks it free.</summary>
    public void Release()
    {
        lock (_lock)
        {
            while (_waiting.TryDequeue(out var next, out _))
            {
                if (next.TrySetResult())
                {
                    return;
                }
            }

            _busy = false;
        }
    }
}
