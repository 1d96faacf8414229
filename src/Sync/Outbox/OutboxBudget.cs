using LiteDB;
using Microsoft.Extensions.Logging;

namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>
/// The disk budget of the outbox, applied inside each write transaction. Telemetry and events together may use the
/// budget less the alarm reserve; alarms may use all of it. Over either limit it drops the oldest telemetry, then
/// the oldest events, down to 90 % of that limit. Alarms are never dropped, so an alarm is accepted as long as the
/// reserve lasts, and beyond it with a warning.
/// </summary>
/// <remarks>
/// NOTE: the budget counts estimated record bytes (payload + type + a fixed overhead), not the file size. LiteDB does
/// not shrink its file after deletes but reuses the freed pages, and the log file adds up to twice the CHECKPOINT
/// size, so the files can be larger than the budget.
/// </remarks>
internal sealed class OutboxBudget
{
    private const int DropChunk = 256;

    private static readonly OutboxLane[] DropOrder = [OutboxLane.Telemetry, OutboxLane.Events];
    private static readonly TimeSpan OverBudgetWarningInterval = TimeSpan.FromMinutes(1);

    private readonly OutboxDatabase _database;
    private readonly long _maxBytes;
    private readonly long _sharedBytes;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly List<DropReport> _pendingReports = [];

    private long? _lastOverBudgetWarning;

    public OutboxBudget(OutboxDatabase database, long maxBytes, long alarmReserveBytes, TimeProvider timeProvider, ILogger logger)
    {
        _database = database;
        _maxBytes = maxBytes;
        _sharedBytes = maxBytes - alarmReserveBytes;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>
    /// Drops records inside the open transaction when the totals plus <paramref name="change"/> exceed the budget,
    /// and adds the drops to <paramref name="change"/>. Call <see cref="ReportCommitted"/> or
    /// <see cref="DiscardPending"/> once the transaction has ended.
    /// </summary>
    public void Enforce(LaneTotals totals, LaneTotals change)
    {
        var total = totals.TotalBytes + change.TotalBytes;
        var shared = total - totals.Bytes(OutboxLane.Alarms) - change.Bytes(OutboxLane.Alarms);
        if (total <= _maxBytes && shared <= _sharedBytes)
        {
            return;
        }

        // Dropping to 90 % leaves room, so the next commits do not each drop a handful of records. Every dropped
        // byte counts against both limits, so one amount covers both.
        var toFree = Math.Max(total - (_maxBytes - (_maxBytes / 10)), shared - (_sharedBytes - (_sharedBytes / 10)));
        foreach (var lane in DropOrder)
        {
            var freed = DropOldest(lane, toFree, totals, change);
            toFree -= freed;
            total -= freed;
            if (toFree <= 0)
            {
                return;
            }
        }

        if (total > _maxBytes)
        {
            WarnOverBudget(total);
        }
    }

    /// <summary>Logs the drops of the transaction that has just been committed.</summary>
    public void ReportCommitted()
    {
        foreach (var report in _pendingReports)
        {
            OutboxLog.RecordsDropped(
                _logger, _maxBytes, report.Count, OutboxLaneNames.Of(report.Lane), report.Bytes,
                report.FirstSequence, report.LastSequence, report.TotalDropped);
        }

        _pendingReports.Clear();
    }

    public void DiscardPending() => _pendingReports.Clear();

    /// <summary>Drops the oldest records of the lane until <paramref name="toFree"/> bytes are freed; returns the bytes freed.</summary>
    private long DropOldest(OutboxLane lane, long toFree, LaneTotals totals, LaneTotals change)
    {
        var collection = OutboxWriter.Collection(_database.Database, lane);
        var report = new DropReport(lane);

        while (report.Bytes < toFree)
        {
            var oldest = collection.Find(Query.All(Query.Ascending), 0, DropChunk).ToList();
            if (oldest.Count == 0)
            {
                break;
            }

            foreach (var document in oldest)
            {
                if (report.Bytes >= toFree)
                {
                    break;
                }

                var sequence = document["_id"].AsInt64;
                collection.Delete(sequence);
                report.Add(sequence, OutboxDocuments.EstimateBytes(document));
            }
        }

        if (report.Count > 0)
        {
            change.Add(lane, -report.Count, -report.Bytes);
            change.AddDropped(lane, report.Count);
            report.TotalDropped = totals.Dropped(lane) + change.Dropped(lane);
            _pendingReports.Add(report);
        }

        return report.Bytes;
    }

    private void WarnOverBudget(long estimated)
    {
        var now = _timeProvider.GetTimestamp();
        if (_lastOverBudgetWarning is { } last && _timeProvider.GetElapsedTime(last, now) < OverBudgetWarningInterval)
        {
            return;
        }

        _lastOverBudgetWarning = now;
        OutboxLog.OverBudget(_logger, estimated, _maxBytes);
    }

    private sealed class DropReport(OutboxLane lane)
    {
        public OutboxLane Lane { get; } = lane;

        public long Count { get; private set; }

        public long Bytes { get; private set; }

        public long FirstSequence { get; private set; }

        public long LastSequence { get; private set; }

        public long TotalDropped { get; set; }

        public void Add(long sequence, long bytes)
        {
            if (Count == 0)
            {
                FirstSequence = sequence;
            }

            LastSequence = sequence;
            Count++;
            Bytes += bytes;
        }
    }
}
