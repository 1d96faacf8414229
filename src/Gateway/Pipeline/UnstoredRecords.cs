using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Sync.Outbox;

namespace SmartCampus.Edge.Gateway.Pipeline;

/// <summary>
/// Records the outbox did not store because its database failed or was being reopened, held in memory per lane in
/// append order until <see cref="OutboxStore.Health"/> shows the database open again. While a lane contains held records, new
/// records of that lane are held behind them instead of being appended, so the lane keeps its order.
/// Alarm and event records are never dropped. Telemetry beyond <see cref="MaxTelemetryBytes"/> is dropped oldest first
/// and counted. The pipeline and the action router both hold records here, so every member takes a lock.
/// </summary>
/// <remarks>
/// NOTE: records held only here are lost if the process ends before the outbox reopens. The pipeline therefore does
/// not save the rule state while alarm records are held, so that a restart raises such an alarm again.
/// </remarks>
internal sealed partial class UnstoredRecords(GatewayClock clock, ILogger<UnstoredRecords> logger)
{
    /// <summary>
    /// Payload bytes of telemetry held in memory, about 500 full telemetry records of 16 KiB; older telemetry is dropped
    /// beyond it. Alarms and events are not counted against it, since they are few.
    /// </summary>
    public const long MaxTelemetryBytes = 8 * 1024 * 1024;

    /// <summary>Minimum time between two log lines about dropped telemetry.</summary>
    private static readonly TimeSpan DropLogInterval = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private readonly Queue<UnstoredRecord>[] _lanes = [new(), new(), new()];
    private long _telemetryBytes;
    private long _droppedSinceLog;
    private long? _lastDropLog;

    /// <summary>Records held in all lanes.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _lanes.Sum(lane => lane.Count);
            }
        }
    }

    /// <summary>Whether the lane contains held records, so that a new record of the lane must wait behind them.</summary>
    public bool Holds(OutboxLane lane)
    {
        lock (_lock)
        {
            return _lanes[(int)lane].Count > 0;
        }
    }

    /// <summary>
    /// Appends the record to the outbox and returns the append, or holds it (with a copy of the payload, which may be
    /// a reused buffer) and returns null when its lane already contains held records.
    /// </summary>
    public Task<long>? AppendOrHold(OutboxStore outbox, OutboxLane lane, string type, ReadOnlyMemory<byte> payload, OutboxSampleSet? samples)
    {
        if (Holds(lane))
        {
            Hold(new UnstoredRecord(lane, type, payload.ToArray(), samples));
            return null;
        }

        return outbox.AppendAsync(lane, type, payload, samples, CancellationToken.None).AsTask();
    }

    /// <summary>Holds a record behind those of its lane; telemetry beyond the budget is dropped oldest first.</summary>
    public void Hold(UnstoredRecord record)
    {
        lock (_lock)
        {
            _lanes[(int)record.Lane].Enqueue(record);
            if (record.Lane == OutboxLane.Telemetry)
            {
                _telemetryBytes += record.Payload.Length;
                DropTelemetryOverBudget();
            }
        }
    }

    /// <summary>Removes and returns every held record, lane by lane, each lane in its order.</summary>
    public List<UnstoredRecord> TakeAll()
    {
        lock (_lock)
        {
            var records = new List<UnstoredRecord>(_lanes.Sum(lane => lane.Count));
            foreach (var lane in _lanes)
            {
                records.AddRange(lane);
                lane.Clear();
            }

            _telemetryBytes = 0;
            return records;
        }
    }

    /// <summary>
    /// Appends every held record again, lanes in order, once the outbox database is open; does nothing while it is
    /// not. A record that fails again comes back through <see cref="HoldFailed"/>.
    /// </summary>
    public void AppendHeld(OutboxStore outbox, List<Task<long>> pending)
    {
        if (Count == 0 || outbox.Health.State != OutboxState.Open)
        {
            return;
        }

        var records = TakeAll();
        var alarms = records.Count(record => record.Lane == OutboxLane.Alarms);
        LogAppendingHeld(logger, records.Count, alarms);
        foreach (var record in records)
        {
            pending.Add(outbox.AppendAsync(record.Lane, record.Type, record.Payload, record.Samples, CancellationToken.None).AsTask());
        }
    }

    /// <summary>
    /// Holds the records of the completed appends that failed with <see cref="OutboxAppendFailedException"/>, in the
    /// order of <paramref name="appends"/>, then throws the first other failure, which is not the outbox's.
    /// </summary>
    public void HoldFailed(List<Task<long>> appends)
    {
        var heldBefore = Count;
        var held = 0;
        OutboxAppendFailedException? firstFailure = null;
        Exception? other = null;
        foreach (var append in appends)
        {
            if (!append.IsFaulted)
            {
                continue;
            }

            var exception = append.Exception.InnerException!;
            if (exception is OutboxAppendFailedException failure)
            {
                Hold(UnstoredRecord.From(failure));
                firstFailure ??= failure;
                held++;
            }
            else
            {
                other ??= exception;
            }
        }

        // Logged when holding starts, not for every pass while the outbox stays closed.
        if (firstFailure is not null && heldBefore == 0)
        {
            LogHolding(logger, held, firstFailure.InnerException?.Message ?? firstFailure.Message);
        }

        if (other is not null)
        {
            ExceptionDispatchInfo.Throw(other);
        }
    }

    private void DropTelemetryOverBudget()
    {
        var telemetry = _lanes[(int)OutboxLane.Telemetry];
        var dropped = 0;

        // The newest record stays even if it alone is over the budget, which a record of at most 16 KiB never is.
        while (_telemetryBytes > MaxTelemetryBytes && telemetry.Count > 1)
        {
            _telemetryBytes -= telemetry.Dequeue().Payload.Length;
            dropped++;
        }

        if (dropped == 0)
        {
            return;
        }

        PipelineMetrics.RecordTelemetryDropped(dropped);
        _droppedSinceLog += dropped;
        var now = clock.TimeProvider.GetTimestamp();
        if (_lastDropLog is { } last && clock.TimeProvider.GetElapsedTime(last, now) < DropLogInterval)
        {
            return;
        }

        LogTelemetryDropped(logger, _droppedSinceLog, MaxTelemetryBytes);
        _droppedSinceLog = 0;
        _lastDropLog = now;
    }

    [LoggerMessage(EventId = 1213, Level = LogLevel.Warning, Message = "The outbox failed to store {RecordCount} records. The pipeline keeps them, and later records of their lanes, in memory and appends them again once the outbox is open. Error: {OutboxError}")]
    private static partial void LogHolding(ILogger logger, int recordCount, string outboxError);

    [LoggerMessage(EventId = 1214, Level = LogLevel.Information, Message = "The outbox is open again; appending {RecordCount} records held in memory, {AlarmCount} of them alarm records")]
    private static partial void LogAppendingHeld(ILogger logger, int recordCount, int alarmCount);

    [LoggerMessage(EventId = 1212, Level = LogLevel.Warning, Message = "Dropped the oldest {RecordCount} telemetry records held in memory while the outbox is closed, because they exceed {MaxBytes} bytes")]
    private static partial void LogTelemetryDropped(ILogger logger, long recordCount, long maxBytes);
}
