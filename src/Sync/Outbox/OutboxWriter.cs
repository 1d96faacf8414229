using System.Threading.Channels;
using LiteDB;
using Microsoft.Extensions.Logging;

namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>
/// The single writer of an outbox database. It runs on its own thread because LiteDB binds a transaction to the
/// thread that began it: each batch of queued commands is one BeginTrans/Commit, then one fsync of the log, with
/// no await in between. Commands complete only after that fsync (group commit).
/// </summary>
internal sealed class OutboxWriter : IDisposable
{
    // Caps one transaction, so a burst of appends cannot hold the collection locks for long.
    private const int MaxCommandsPerCommit = 1000;

    private readonly OutboxDatabase _database;
    private readonly OutboxOptions _options;
    private readonly LaneTotals _totals;
    private readonly OutboxSequenceFloor _sequenceFloor;
    private readonly OutboxBudget _budget;
    private readonly OutboxDownsampler? _downsampler;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Action _recordsCommitted;
    private readonly OutboxReopener _reopener;

    private readonly Channel<OutboxCommand> _queue =
        Channel.CreateUnbounded<OutboxCommand>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Thread _thread;

    // Set by every enqueue, by the wake timer and at stop. The writer thread resets it before it looks at the queue,
    // so a command queued after the look still wakes it. A spin count of 0, because the writer blocks about a hundred
    // times a second and a spin before each block costs CPU on a small box.
    private readonly ManualResetEventSlim _signal = new(initialState: false, spinCount: 0);
    private readonly ITimer _wakeTimer;

    // Highest sequence appended to each lane, indexed by OutboxLane. Only the writer thread writes it.
    private readonly long[] _newestSequences = new long[OutboxLaneNames.All.Count];

    private bool _timerFired;

    private long _lastSequence;
    private long _commitCount;
    private long? _lastDownsampling;
    private long _lastCompactionCheck;

    // 1 while a reader's ReopenCommand is queued, so a burst of failed reads queues one.
    private int _reopenQueued;

    public OutboxWriter(
        OutboxDatabase database,
        OutboxOptions options,
        LaneTotals totals,
        OutboxSequenceFloor sequenceFloor,
        long lastSequence,
        TimeProvider timeProvider,
        ILogger logger,
        Action recordsCommitted,
        Func<(OutboxDatabase Database, LaneTotals Totals, long LastSequence)> reopen)
    {
        _database = database;
        _options = options;
        _totals = totals;
        _sequenceFloor = sequenceFloor;
        _lastSequence = lastSequence;
        _timeProvider = timeProvider;
        _logger = logger;
        _recordsCommitted = recordsCommitted;
        _downsampler = options.Downsampling is { } policy ? new OutboxDownsampler(database, policy) : null;
        _budget = new OutboxBudget(database, options.MaxDiskBytes, options.EffectiveAlarmReserveBytes, timeProvider, logger);
        _reopener = new OutboxReopener(database, options.DatabasePath, reopen, timeProvider, logger);

        _thread = new Thread(Run) { IsBackground = true, Name = "outbox-writer" };
        _wakeTimer = timeProvider.CreateTimer(static writer => ((OutboxWriter)writer!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _lastCompactionCheck = timeProvider.GetTimestamp();

        // At open the highest sequence handed out bounds every lane. It may be above a lane's own newest record, which
        // only costs a reader a needless query.
        Array.Fill(_newestSequences, lastSequence);
    }

    /// <summary>Anchors for records made before the clock was synchronised; the writer sets one at the first synchronised append.</summary>
    public OutboxClockAnchors ClockAnchors { get; init; } = new();

    public string BootId { get; init; } = string.Empty;

    /// <summary>Highest sequence handed out; only the writer thread changes it.</summary>
    public long LastSequence => Interlocked.Read(ref _lastSequence);

    public long CommitCount => Interlocked.Read(ref _commitCount);

    /// <summary>
    /// Highest sequence appended to the lane, whether or not that record is still there, or 0 when none was. No record
    /// of the lane has a higher sequence, because down-sampling summaries take the sequences of records they replace.
    /// </summary>
    public long NewestSequence(OutboxLane lane) => Volatile.Read(ref _newestSequences[(int)lane]);

    /// <summary>The error that stopped the writer thread, or null while it runs.</summary>
    public Exception? Fault { get; private set; }

    /// <summary>Whether the database is open or being reopened after a failure, and how often it was reopened.</summary>
    public OutboxHealth Health => _reopener.Health;

    /// <summary>
    /// Throws <see cref="OutboxUnavailableException"/> while the database is being reopened. Readers call it with
    /// <see cref="OutboxDatabase.Gate"/> held for reading, so the state cannot change before they leave LiteDB.
    /// </summary>
    public void ThrowIfUnavailable()
    {
        if (_reopener.IsUnavailable)
        {
            throw _reopener.Unavailable();
        }
    }

    /// <summary>
    /// Asks the writer thread to reopen the database because a read on another thread failed inside LiteDB. Only
    /// the writer may close the engine; the reader rethrows its own error.
    /// </summary>
    public void RequestReopen(Exception cause)
    {
        if (Interlocked.Exchange(ref _reopenQueued, 1) == 0 && !TryEnqueue(new ReopenCommand(cause)))
        {
            Volatile.Write(ref _reopenQueued, 0);
        }
    }

    public void Start() => _thread.Start();

    public bool TryEnqueue(OutboxCommand command)
    {
        if (!_queue.Writer.TryWrite(command))
        {
            return false;
        }

        _signal.Set();
        return true;
    }

    /// <summary>Stops accepting commands, commits those already queued without waiting for the window, and joins.</summary>
    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _stopping.Cancel();
        _signal.Set();

        if (_thread.IsAlive)
        {
            _thread.Join();
        }

        _wakeTimer.Dispose();
        _stopping.Dispose();

        // NOTE: _signal is not disposed. A TryEnqueue that won the race with TryComplete may still call Set on it,
        // and it has no kernel handle unless its WaitHandle is read.
    }

    private void Run()
    {
        var batch = new List<OutboxCommand>();

        try
        {
            while (CollectBatch(batch))
            {
                HandleReopenRequests(batch);
                Commit(batch);
                batch.Clear();

                if (!_queue.Reader.TryPeek(out _))
                {
                    CompactIfDue();
                }
            }
        }
        catch (Exception exception)
        {
            // Commit() catches its own failures, so this is a bug or a broken runtime: refuse further work loudly.
            Fault = exception;
            OutboxLog.WriterFailed(_logger, exception);
            _queue.Writer.TryComplete(exception);

            foreach (var command in batch)
            {
                command.Fail(exception);
            }

            while (_queue.Reader.TryRead(out var queued))
            {
                queued.Fail(exception);
            }
        }
    }

    /// <summary>
    /// Blocks until there is work, then gathers what is queued. A batch of telemetry only waits up to
    /// <see cref="OutboxOptions.TelemetryCommitWindow"/> for more, and stops waiting when an urgent command arrives.
    /// Returns false when the queue is completed and empty.
    /// </summary>
    private bool CollectBatch(List<OutboxCommand> batch)
    {
        if (!WaitForWork())
        {
            return false;
        }

        if (Drain(batch) || _options.TelemetryCommitWindow <= TimeSpan.Zero)
        {
            return true;
        }

        var windowStart = _timeProvider.GetTimestamp();
        while (batch.Count < MaxCommandsPerCommit)
        {
            var remaining = _options.TelemetryCommitWindow - _timeProvider.GetElapsedTime(windowStart);
            if (remaining <= TimeSpan.Zero || !WaitForCommand(remaining))
            {
                break;
            }

            if (Drain(batch))
            {
                break;
            }
        }

        return true;
    }

    /// <summary>
    /// Blocks until a command is queued (true) or the queue is completed and empty (false). While idle it wakes up
    /// every <see cref="OutboxOptions.CompactionInterval"/> to see whether the file needs compacting.
    /// </summary>
    private bool WaitForWork()
    {
        while (true)
        {
            // Once stopping, wait for the queue itself: Dispose completes it, and what is still queued must be committed.
            var untilCheck = _options.CompactionInterval <= TimeSpan.Zero || _stopping.IsCancellationRequested
                ? Timeout.InfiniteTimeSpan
                : _options.CompactionInterval - _timeProvider.GetElapsedTime(_lastCompactionCheck);
            if (untilCheck != Timeout.InfiniteTimeSpan && untilCheck < TimeSpan.Zero)
            {
                untilCheck = TimeSpan.Zero;
            }

            // A database being reopened is tried again when its backoff ends, whether or not work arrives.
            var untilReopen = _stopping.IsCancellationRequested ? Timeout.InfiniteTimeSpan : _reopener.UntilNextAttempt;
            if (untilReopen != Timeout.InfiniteTimeSpan && (untilCheck == Timeout.InfiniteTimeSpan || untilReopen < untilCheck))
            {
                untilCheck = untilReopen;
            }

            if (WaitForCommand(untilCheck))
            {
                return true;
            }

            if (_queue.Reader.Completion.IsCompleted)
            {
                return false;
            }

            if (_stopping.IsCancellationRequested)
            {
                continue;
            }

            if (_reopener.IsUnavailable)
            {
                ReopenIfDue();
            }
            else
            {
                CompactIfDue();
            }
        }
    }

    /// <summary>
    /// Compacts when a check is due and the files hold at least <see cref="OutboxOptions.CompactionMinFreeBytes"/>
    /// more than the records need. Call only while nothing is queued, so the pause falls on an idle outbox.
    /// </summary>
    private void CompactIfDue()
    {
        if (_reopener.IsUnavailable || _options.CompactionInterval <= TimeSpan.Zero || _timeProvider.GetElapsedTime(_lastCompactionCheck) < _options.CompactionInterval)
        {
            return;
        }

        _lastCompactionCheck = _timeProvider.GetTimestamp();
        var fileBytes = FileLength(_options.DatabasePath) + FileLength(OutboxFiles.LogPath(_options.DatabasePath));
        if (fileBytes - _totals.TotalBytes < _options.CompactionMinFreeBytes)
        {
            return;
        }

        try
        {
            Compact();
        }
        catch (Exception exception) when (exception is LiteException or IOException or UnauthorizedAccessException)
        {
            OutboxLog.CompactionFailed(_logger, _options.DatabasePath, exception);
            ReopenAfter("compaction", exception);
        }
    }

    /// <summary>Runs one compaction and returns the bytes reclaimed; see <see cref="OutboxCompactor"/>.</summary>
    private long Compact()
    {
        var started = _timeProvider.GetTimestamp();
        var result = OutboxCompactor.Compact(_database, _options.DatabasePath, _options.CheckpointPages);
        if (result is not { } sizes)
        {
            OutboxLog.CompactionSkipped(_logger, _options.DatabasePath);
            return 0;
        }

        var elapsed = _timeProvider.GetElapsedTime(started);
        OutboxLog.Compacted(_logger, _options.DatabasePath, sizes.Before, sizes.After, elapsed.TotalMilliseconds, _totals.TotalCount);
        return Math.Max(0, sizes.Before - sizes.After);
    }

    private static long FileLength(string path)
    {
        var file = new FileInfo(path);
        return file.Exists ? file.Length : 0;
    }

    /// <summary>Moves queued commands into the batch; returns true when one of them is urgent.</summary>
    private bool Drain(List<OutboxCommand> batch)
    {
        var urgent = false;
        while (batch.Count < MaxCommandsPerCommit && _queue.Reader.TryRead(out var command))
        {
            batch.Add(command);
            urgent |= command.IsUrgent;
        }

        return urgent || batch.Count >= MaxCommandsPerCommit;
    }

    /// <summary>
    /// Blocks this thread until a command is queued (true), the timeout passes on the injected clock, the writer is
    /// stopping (false for a finite timeout) or the queue is completed and empty (false).
    /// </summary>
    private bool WaitForCommand(TimeSpan timeout)
    {
        if (_queue.Reader.TryPeek(out _))
        {
            return true;
        }

        var timed = timeout != Timeout.InfiniteTimeSpan;
        if (timed)
        {
            // Like Task.Delay, the wait ends at the timer's tick, which the system timer's coarse clock can bring a
            // few milliseconds early. A tick of an earlier wait that arrives late ends this one early too. Both
            // callers allow an early end: a telemetry window commits sooner, and an idle wait checks compaction again.
            Volatile.Write(ref _timerFired, false);
            _wakeTimer.Change(timeout, Timeout.InfiniteTimeSpan);
        }

        try
        {
            while (true)
            {
                _signal.Reset();
                if (_queue.Reader.TryPeek(out _))
                {
                    return true;
                }

                if (_queue.Reader.Completion.IsCompleted)
                {
                    return false;
                }

                if (timed && (_stopping.IsCancellationRequested || Volatile.Read(ref _timerFired)))
                {
                    return false;
                }

                _signal.Wait();
            }
        }
        finally
        {
            if (timed)
            {
                _wakeTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void OnTimer()
    {
        Volatile.Write(ref _timerFired, true);
        _signal.Set();
    }

    private void Commit(List<OutboxCommand> batch)
    {
        if (_reopener.IsUnavailable)
        {
            // The database is closed until a reopen succeeds, so nothing is stored and every command fails.
            FailAll(batch, _reopener.Unavailable());
            return;
        }

        var appends = batch.OfType<AppendCommand>().ToList();
        var deletes = batch.OfType<DeleteCommand>().ToList();
        var deadLetters = batch.OfType<DeadLetterCommand>().ToList();
        var compactions = batch.OfType<CompactCommand>().ToList();
        var database = _database.Database;

        if (compactions.Count > 0)
        {
            // Commit the rest of the batch first, so the compacted file holds it.
            Commit([.. appends, .. deletes, .. deadLetters]);
            if (_reopener.IsUnavailable)
            {
                FailAll([.. compactions], _reopener.Unavailable());
                return;
            }

            RunRequestedCompactions(compactions);
            return;
        }

        if (appends.Count == 0 && deletes.Count == 0 && deadLetters.Count == 0)
        {
            return;
        }

        if (deletes.Count > 0 && appends.Exists(append => append.IsUrgent))
        {
            // Deletes of a draining backlog can take the writer tens of milliseconds; an alarm must not wait for them.
            Commit([.. appends, .. deadLetters]);
            Commit([.. deletes]);
            return;
        }

        // Before the batch, so that a commit that completes an append has also finished a pass that was due.
        if (!DownsampleIfDue(database))
        {
            // The pass failed and the database was reopened (or is still being reopened): commit on what is open now.
            if (_reopener.IsUnavailable)
            {
                FailAll(batch, _reopener.Unavailable());
                return;
            }

            database = _database.Database;
        }

        var change = WriteExclusive(database, appends, deletes, deadLetters, out var failure);
        if (change is null)
        {
            _budget.DiscardPending();
            FailAll(batch, failure!);
            ReopenAfter("commit", failure!);
            return;
        }

        // Committed: the records are visible to readers from here on, so the totals follow at once.
        _totals.Apply(change);
        Interlocked.Increment(ref _commitCount);
        _budget.ReportCommitted();

        try
        {
            _database.FlushLog();
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException)
        {
            OutboxLog.FlushFailed(_logger, appends.Count, exception);
            FailAll(batch, exception);
            ReopenAfter("fsync", exception);
            return;
        }

        foreach (var append in appends)
        {
            OutboxMetrics.RecordAppend(append.Lane, append.Payload.Length);
            append.Completion.TrySetResult(append.Sequence);
        }

        foreach (var delete in deletes)
        {
            delete.Completion.TrySetResult();
        }

        foreach (var deadLetter in deadLetters)
        {
            deadLetter.Completion.TrySetResult();
        }

        if (appends.Count > 0)
        {
            _recordsCommitted();
        }

        CheckpointIfLogTooLong(database);
    }

    private void RunRequestedCompactions(List<CompactCommand> compactions)
    {
        try
        {
            var reclaimed = Compact();
            foreach (var compaction in compactions)
            {
                compaction.Completion.TrySetResult(reclaimed);
            }
        }
        catch (Exception exception) when (exception is LiteException or IOException or UnauthorizedAccessException)
        {
            OutboxLog.CompactionFailed(_logger, _options.DatabasePath, exception);
            foreach (var compaction in compactions)
            {
                compaction.Fail(exception);
            }

            ReopenAfter("compaction", exception);
        }
    }

    /// <summary>
    /// Runs one down-sampling pass, in its own transaction, at most once per interval of the policy. A failure is
    /// logged, leaves the records as they were and reopens the database; then it returns false.
    /// </summary>
    private bool DownsampleIfDue(LiteDatabase database)
    {
        if (_downsampler is null)
        {
            return true;
        }

        var now = _timeProvider.GetTimestamp();
        if (_lastDownsampling is { } last && _timeProvider.GetElapsedTime(last, now) < _downsampler.Interval)
        {
            return true;
        }

        Exception? failure = null;

        _lastDownsampling = now;
        _database.Gate.EnterWriteLock();
        try
        {
            if (!database.BeginTrans())
            {
                throw new InvalidOperationException("The outbox writer thread already has an open LiteDB transaction.");
            }

            var change = new LaneTotals();
            var replaced = _downsampler.Run(_timeProvider.GetUtcNow(), change);
            if (replaced == 0)
            {
                database.Rollback();
                return true;
            }

            var stateAfter = new LaneTotals();
            stateAfter.Apply(_totals);
            stateAfter.Apply(change);
            OutboxDocuments.SaveState(database, LastSequence, stateAfter);

            if (!database.Commit())
            {
                throw new InvalidOperationException("LiteDB did not commit the down-sampling transaction.");
            }

            _totals.Apply(change);
            _database.FlushLog();
            var summaries = change.Count(OutboxLane.Telemetry) + replaced;
            var total = _totals.Downsampled(OutboxLane.Telemetry);
            OutboxLog.Downsampled(_logger, replaced, summaries, total);
        }
        catch (Exception exception) when (exception is LiteException or IOException or InvalidOperationException)
        {
            OutboxLog.DownsamplingFailed(_logger, exception);
            TryRollback(database);
            failure = exception;
        }
        finally
        {
            _database.Gate.ExitWriteLock();
        }

        if (failure is null)
        {
            return true;
        }

        ReopenAfter("down-sampling", failure);
        return false;
    }

    /// <summary>
    /// Runs <see cref="WriteTransaction"/> while no reader is inside LiteDB, and rolls back on failure. Returns null
    /// with the <paramref name="failure"/> when the batch was not committed.
    /// </summary>
    /// <remarks>
    /// LiteDB 5.0.21 is meant to let readers run beside a write transaction. In a soak of the large school it broke its
    /// engine that way, while a drained backlog was deleted and both uplink connections read the outbox. A commit
    /// failed with "to enqueue page, page must be writable", and every later call with "Page type must be data page".
    /// Taking <see cref="OutboxDatabase.Gate"/> for writing keeps readers out of LiteDB during the transaction. The
    /// fsync of the log comes after it, so readers wait only for LiteDB's own work.
    /// </remarks>
    private LaneTotals? WriteExclusive(
        LiteDatabase database, List<AppendCommand> appends, List<DeleteCommand> deletes, List<DeadLetterCommand> deadLetters, out Exception? failure)
    {
        failure = null;
        _database.Gate.EnterWriteLock();
        try
        {
            return WriteTransaction(database, appends, deletes, deadLetters);
        }
        catch (Exception exception)
        {
            OutboxLog.CommitFailed(_logger, appends.Count, deletes.Count, exception);
            TryRollback(database);
            failure = exception;
            return null;
        }
        finally
        {
            _database.Gate.ExitWriteLock();
        }
    }

    /// <summary>Runs the batch in one transaction and returns the change to the lane totals.</summary>
    private LaneTotals WriteTransaction(LiteDatabase database, List<AppendCommand> appends, List<DeleteCommand> deletes, List<DeadLetterCommand> deadLetters)
    {
        if (!database.BeginTrans())
        {
            throw new InvalidOperationException("The outbox writer thread already has an open LiteDB transaction.");
        }

        var change = new LaneTotals();

        // Sequences are used up here even if the commit fails, so a number is never handed out twice. The ceiling
        // file is raised first, so it stays above every committed sequence.
        var sequence = _lastSequence;
        var clockChanged = false;
        _sequenceFloor.Reserve(sequence + appends.Count);
        foreach (var append in appends)
        {
            append.Sequence = ++sequence;

            // Raised before the commit makes the record visible, so a reader never sees a record above it. A failed
            // commit leaves it too high, which only costs a reader a needless query.
            Volatile.Write(ref _newestSequences[(int)append.Lane], append.Sequence);

            var document = OutboxDocuments.ToDocument(append.Sequence, append.Type, append.Payload, append.CreatedAt, append.Samples);
            clockChanged |= TrackClock(append, document);
            Collection(database, append.Lane).Insert(document);
            change.Add(append.Lane, 1, OutboxDocuments.EstimateBytes(append.Type, append.Payload.Length));
        }

        Interlocked.Exchange(ref _lastSequence, sequence);

        foreach (var delete in deletes)
        {
            DeleteRecords(Collection(database, delete.Lane), delete, change, SummariesPossible(delete.Lane));
        }

        foreach (var deadLetter in deadLetters)
        {
            MoveToDeadLetter(database, deadLetter, change);
        }

        _budget.Enforce(_totals, change);
        if (clockChanged)
        {
            ClockAnchors.Save(database);
        }

        var stateAfter = new LaneTotals();
        stateAfter.Apply(_totals);
        stateAfter.Apply(change);
        OutboxDocuments.SaveState(database, sequence, stateAfter);

        if (!database.Commit())
        {
            throw new InvalidOperationException("LiteDB did not commit the outbox transaction.");
        }

        return change;
    }

    /// <summary>
    /// Marks a record made before the clock was synchronised, and sets the anchor of this boot at the first
    /// synchronised append after such records. Returns true when the anchors must be saved.
    /// </summary>
    private bool TrackClock(AppendCommand append, BsonDocument document)
    {
        if (!append.ClockSynchronised)
        {
            OutboxDocuments.MarkUnsynchronised(document, append.MonotonicTicks, BootId);
            var changed = ClockAnchors.PendingBoot != BootId;
            ClockAnchors.PendingBoot = BootId;
            return changed;
        }

        if (ClockAnchors.PendingBoot != BootId)
        {
            return false;
        }

        ClockAnchors.Set(BootId, append.CreatedAt.UtcTicks, append.MonotonicTicks);
        ClockAnchors.PendingBoot = null;
        OutboxLog.ClockAnchored(_logger, BootId, append.CreatedAt);
        return true;
    }

    /// <summary>Only down-sampling puts a different record at a sequence that was already read, and only in telemetry.</summary>
    private bool SummariesPossible(OutboxLane lane) => _downsampler is not null && lane == OutboxLane.Telemetry;

    private static void DeleteRecords(ILiteCollection<BsonDocument> collection, DeleteCommand delete, LaneTotals change, bool summariesPossible)
    {
        if (delete.EstimatedBytes is { } estimates && !(summariesPossible && delete.Types is not null))
        {
            for (var i = 0; i < delete.Sequences.Length; i++)
            {
                // Already gone is fine: a record can be dropped by the budget while the uplink is sending it.
                if (collection.Delete(delete.Sequences[i]))
                {
                    change.Add(delete.Lane, -1, -estimates[i]);
                }
            }

            return;
        }

        for (var i = 0; i < delete.Sequences.Length; i++)
        {
            // Already gone is fine: a record can be dropped by the budget while the uplink is sending it.
            var sequence = delete.Sequences[i];
            var document = collection.FindById(sequence);

            // A summary that took the sequence of a sample in flight also covers samples that were never sent,
            // so the sample's acknowledgement must not delete it.
            if (document is null || (delete.Types is { } types && document["t"].AsString != types[i]))
            {
                continue;
            }

            if (collection.Delete(sequence))
            {
                change.Add(delete.Lane, -1, -OutboxDocuments.EstimateBytes(document));
            }
        }
    }

    private static void MoveToDeadLetter(LiteDatabase database, DeadLetterCommand command, LaneTotals change)
    {
        var collection = Collection(database, command.Lane);
        var deadLetters = database.GetCollection(OutboxDocuments.DeadLetterCollection);
        foreach (var sequence in command.Sequences)
        {
            var document = collection.FindById(sequence);
            if (document is null || !collection.Delete(sequence))
            {
                continue;
            }

            change.Add(command.Lane, -1, -OutboxDocuments.EstimateBytes(document));
            change.AddDeadLettered(command.Lane, 1);

            document["l"] = OutboxLaneNames.Of(command.Lane);
            document["r"] = command.Reason;
            document["a"] = command.At.UtcTicks;
            deadLetters.Upsert(document);
        }
    }

    /// <summary>
    /// Takes the commands queued by readers that saw LiteDB fail out of the batch and reopens the database for them,
    /// then tries a reopen whose backoff has ended.
    /// </summary>
    private void HandleReopenRequests(List<OutboxCommand> batch)
    {
        var request = batch.OfType<ReopenCommand>().FirstOrDefault();
        if (request is not null)
        {
            batch.RemoveAll(command => command is ReopenCommand);
            Volatile.Write(ref _reopenQueued, 0);
            if (!_reopener.IsUnavailable)
            {
                ReopenAfter("read", request.Cause);
            }
        }

        ReopenIfDue();
    }

    /// <summary>
    /// Closes the database after a failure and opens it again at once. After a failed commit LiteDB 5.0.21 can keep
    /// the transaction open with cache pages that fail the rollback too ("discarded page must be writable"). After an
    /// I/O error it closes its engine. So the writer never uses a failed engine again.
    /// </summary>
    private void ReopenAfter(string operation, Exception exception)
    {
        _reopener.Fail(operation, exception);
        ReopenIfDue();
    }

    private void ReopenIfDue()
    {
        if (_reopener.UntilNextAttempt != TimeSpan.Zero)
        {
            return;
        }

        if (_reopener.TryReopen(AdoptReopened))
        {
            // Readers that waited for records while the database was closed look again.
            _recordsCommitted();
        }
    }

    /// <summary>
    /// Takes the state of the reopened database. Sequences never go back: those handed out to the appends of a
    /// failed commit stay used, and the sequence floor keeps a replaced database above them.
    /// </summary>
    private void AdoptReopened(LaneTotals totals, long lastSequence)
    {
        _totals.ReplaceWith(totals);
        ClockAnchors.Load(_database.Database);
        _budget.DiscardPending();

        var sequence = Math.Max(LastSequence, lastSequence);
        Interlocked.Exchange(ref _lastSequence, sequence);
        for (var lane = 0; lane < _newestSequences.Length; lane++)
        {
            Volatile.Write(ref _newestSequences[lane], Math.Max(_newestSequences[lane], lastSequence));
        }
    }

    /// <summary>Fails the commands of a batch that the database did not store, because it failed or is closed.</summary>
    private static void FailAll(List<OutboxCommand> batch, Exception exception)
    {
        foreach (var command in batch)
        {
            command.FailUnstored(exception);
        }
    }

    private void TryRollback(LiteDatabase database)
    {
        try
        {
            database.Rollback();
        }
        catch (LiteException exception)
        {
            OutboxLog.RollbackFailed(_logger, exception);
        }
    }

    /// <summary>
    /// LiteDB checkpoints after a commit only if no other transaction is open (TryCheckpoint), so a busy reader can
    /// keep the log growing. Past twice the CHECKPOINT pragma, force one; it waits for the readers to finish.
    /// </summary>
    private void CheckpointIfLogTooLong(LiteDatabase database)
    {
        const long pageSize = 8192;
        var logBytes = _database.LogLength;
        if (logBytes <= 2 * _options.CheckpointPages * pageSize)
        {
            return;
        }

        var started = _timeProvider.GetTimestamp();
        Exception? failure = null;
        _database.Gate.EnterWriteLock();
        try
        {
            database.Checkpoint();
            _database.FlushLog();

            var elapsed = _timeProvider.GetElapsedTime(started);
            OutboxLog.CheckpointForced(_logger, logBytes, elapsed.TotalMilliseconds);
        }
        catch (Exception exception) when (exception is LiteException or IOException)
        {
            OutboxLog.CheckpointFailed(_logger, logBytes, exception);
            failure = exception;
        }
        finally
        {
            _database.Gate.ExitWriteLock();
        }

        if (failure is not null)
        {
            ReopenAfter("checkpoint", failure);
        }
    }

    internal static ILiteCollection<BsonDocument> Collection(LiteDatabase database, OutboxLane lane) =>
        database.GetCollection(OutboxLaneNames.Of(lane), BsonAutoId.Int64);
}
