using LiteDB;
using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Sync.Resources;

namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>
/// Durable store-and-forward queue of the gateway, on LiteDB. Records are accepted only once their commit is on the
/// device, each gets a sequence that is unique for the database path and never reused (not even by a database that
/// replaces a broken one), and they leave the store only through
/// <see cref="DeleteAsync"/> (after the broker acknowledged them) or the disk budget.
/// </summary>
/// <remarks>
/// One process owns the database file; a second <see cref="OutboxStore"/> on the same path throws
/// <see cref="OutboxLockedException"/>. A database that fails to open is moved aside, a fresh one is created and
/// <see cref="Recovery"/> reports it. Reads (<see cref="PeekOldest"/>, counts) run on the caller's thread; all writes
/// go through one writer thread.
/// A database that fails while open (a failed commit, fsync, checkpoint or read inside LiteDB) is closed and opened
/// again the same way, with a backoff while that fails; <see cref="Health"/> shows it. The commands of the failed
/// commit and those that arrive while it is closed fail, so nothing is reported stored that was not. Every record
/// acknowledged before is in the log that its manifest vouches for, so the reopen keeps it.
/// TODO: a database moved aside during such a reopen is reported by <see cref="Recovery"/> and the log only; the
/// gateway raises its "outbox-replaced" alarm for a move aside at start, not for one at run time.
/// </remarks>
public sealed class OutboxStore : IDisposable
{
    /// <summary>Longest key of an <see cref="OutboxSample"/>, so that its UTF-8 length fits the stored form's 16-bit length.</summary>
    public const int MaxSampleKeyLength = 1024;

    private readonly OutboxOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<OutboxStore> _logger;
    private readonly OutboxLock _lock;
    private readonly OutboxSequenceFloor _sequenceFloor;
    private readonly OutboxDatabase _database;
    private readonly LaneTotals _totals;
    private readonly OutboxWriter _writer;
    private readonly IDisposable _metrics;
    private readonly OutboxClockAnchors _anchors = new();
    private readonly string _bootId;

    private long _clockCheckedAt;
    private volatile bool _clockSynchronised = true;

    private TaskCompletionSource _recordsSignal = NewSignal();
    private int _disposed;

    public OutboxStore(OutboxOptions options, TimeProvider timeProvider, ILogger<OutboxStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);

        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(SyncText.FormatProblems("Outbox", problems), nameof(options));
        }

        _options = Copy(options);
        _timeProvider = timeProvider;
        _logger = logger;

        DatabasePath = Path.GetFullPath(options.DatabasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);

        _lock = OutboxLock.Acquire(DatabasePath);
        long lastSequence;
        try
        {
            // A compaction cut short by a crash leaves its new file behind; the data file itself is complete.
            OutboxCompactor.DeleteCompactFiles(DatabasePath);

            _sequenceFloor = OutboxSequenceFloor.Load(DatabasePath, logger);
            (_database, _totals, lastSequence) = OpenOrRecover();
            _anchors.Load(_database.Database);
            _bootId = options.BootId ?? ReadBootId();
            _writer = new OutboxWriter(_database, _options, _totals, _sequenceFloor, lastSequence, timeProvider, logger, SignalRecords, OpenOrRecover)
            {
                ClockAnchors = _anchors,
                BootId = _bootId,
            };
        }
        catch
        {
            _database?.Dispose();
            _lock.Dispose();
            throw;
        }

        _writer.Start();
        _metrics = OutboxMetrics.Track(this);

        var alarms = _totals.Count(OutboxLane.Alarms);
        var events = _totals.Count(OutboxLane.Events);
        var telemetry = _totals.Count(OutboxLane.Telemetry);
        OutboxLog.Opened(logger, DatabasePath, lastSequence, alarms, events, telemetry, _totals.TotalBytes, _options.MaxDiskBytes);
    }

    /// <summary>Full path of the LiteDB data file.</summary>
    public string DatabasePath { get; }

    /// <summary>
    /// Set when the database failed to open and was replaced by an empty one, at start or at a reopen after a failure.
    /// The host raises an alarm for the one at start.
    /// </summary>
    public OutboxRecovery? Recovery { get; private set; }

    /// <summary>Whether the database is open, being reopened after a failure, or closed, and how often it was reopened.</summary>
    public OutboxHealth Health => Volatile.Read(ref _disposed) != 0 ? _writer.Health with { State = OutboxState.Closed } : _writer.Health;

    /// <summary>Highest sequence handed out so far (0 for a new database).</summary>
    public long LastSequence => _writer.LastSequence;

    /// <summary>Estimated bytes of all records held, as counted against <see cref="OutboxOptions.MaxDiskBytes"/>.</summary>
    public long EstimatedBytes => _totals.TotalBytes;

    /// <summary>Disk budget in bytes, from <see cref="OutboxOptions.MaxDiskBytes"/>.</summary>
    public long MaxDiskBytes => _options.MaxDiskBytes;

    /// <summary>Completes after the next commit that stores at least one record, whether or not records are waiting now.</summary>
    public Task WaitForAppendAsync(CancellationToken cancellationToken) => Volatile.Read(ref _recordsSignal).Task.WaitAsync(cancellationToken);

    /// <summary>Number of committed transactions since open; one commit can carry many appends and deletes.</summary>
    internal long CommitCount => _writer.CommitCount;

    /// <summary>Number of fsyncs of the log file since open.</summary>
    internal long LogFlushCount => _database.LogStream.FlushCount;

    internal long LogFileBytes => _database.LogLength;

    /// <summary>The gate readers hold while they are inside LiteDB; tests hold it to stand for a reader.</summary>
    internal ReaderWriterLockSlim ReadGate => _database.Gate;

    /// <summary>
    /// Stores one record and returns its sequence once the commit holding it is on the device. Telemetry may wait up
    /// to <see cref="OutboxOptions.TelemetryCommitWindow"/> to share a commit; alarms and events do not wait.
    /// Cancelling stops the wait only: a record already queued may still be stored and sent.
    /// </summary>
    /// <param name="type">Record type for the district, e.g. "sample" or "alarm.raised".</param>
    /// <param name="utf8JsonPayload">
    /// One JSON value in UTF-8, sent to the district unchanged. Copied before this method returns, so the caller may
    /// reuse its buffer at once.
    /// </param>
    /// <exception cref="ArgumentException">The type is empty or the payload is not one valid JSON value.</exception>
    public ValueTask<long> AppendAsync(OutboxLane lane, string type, ReadOnlyMemory<byte> utf8JsonPayload, CancellationToken cancellationToken) =>
        AppendAsync(lane, type, utf8JsonPayload, samples: null, cancellationToken);

    /// <summary>
    /// Stores one record like <see cref="AppendAsync(OutboxLane, string, ReadOnlyMemory{byte}, CancellationToken)"/>;
    /// a telemetry record with a <paramref name="sample"/> may later be down-sampled by
    /// <see cref="OutboxOptions.Downsampling"/>.
    /// </summary>
    public ValueTask<long> AppendAsync(
        OutboxLane lane, string type, ReadOnlyMemory<byte> utf8JsonPayload, OutboxSample? sample, CancellationToken cancellationToken) =>
        AppendAsync(lane, type, utf8JsonPayload, sample is { } value ? OutboxSampleSet.Of(value) : null, cancellationToken);

    /// <summary>
    /// Stores one record like <see cref="AppendAsync(OutboxLane, string, ReadOnlyMemory{byte}, CancellationToken)"/>;
    /// a telemetry record with <paramref name="samples"/> (e.g. the numeric values of one device poll) may later be
    /// down-sampled by <see cref="OutboxOptions.Downsampling"/>, per key of its group.
    /// </summary>
    public ValueTask<long> AppendAsync(
        OutboxLane lane, string type, ReadOnlyMemory<byte> utf8JsonPayload, OutboxSampleSet? samples, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        ThrowIfUnknown(lane);
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        cancellationToken.ThrowIfCancellationRequested();

        if (utf8JsonPayload.Length > _options.MaxPayloadBytes)
        {
            throw new ArgumentException(
                $"The {OutboxLaneNames.Of(lane)} payload of type '{type}' has {utf8JsonPayload.Length} bytes, more than the limit of {_options.MaxPayloadBytes} bytes.",
                nameof(utf8JsonPayload));
        }

        var problem = OutboxPayloadCheck.FindProblem(utf8JsonPayload.Span);
        if (problem is not null)
        {
            throw new ArgumentException($"The {OutboxLaneNames.Of(lane)} record of type '{type}' was rejected: {problem}.", nameof(utf8JsonPayload));
        }

        if (samples is not null && (samples.Samples.Count == 0 || samples.Samples.Any(value => string.IsNullOrEmpty(value.Key) || value.Key.Length > MaxSampleKeyLength || !double.IsFinite(value.Value))))
        {
            throw new ArgumentException(
                $"The samples of the {OutboxLaneNames.Of(lane)} record of type '{type}' need at least one, each with a key of 1 to {MaxSampleKeyLength} characters and a finite value.",
                nameof(samples));
        }

        var command = new AppendCommand(lane, type, utf8JsonPayload.ToArray(), _timeProvider.GetUtcNow(), samples)
        {
            ClockSynchronised = IsClockSynchronised(),
            MonotonicTicks = _timeProvider.GetElapsedTime(0, _timeProvider.GetTimestamp()).Ticks,
        };
        Enqueue(command);

        return new ValueTask<long>(command.Completion.Task.WaitAsync(cancellationToken));
    }

    /// <summary>Returns up to <paramref name="max"/> records of the lane, oldest (lowest sequence) first.</summary>
    public IReadOnlyList<OutboxRecord> PeekOldest(OutboxLane lane, int max)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        return Peek(lane, OutboxQueries.Oldest(max), max);
    }

    /// <summary>
    /// Returns up to <paramref name="max"/> records of the lane with a sequence above <paramref name="afterSequence"/>,
    /// lowest first: the uplink reads its next batch while the delete of the one before is still being committed.
    /// </summary>
    public IReadOnlyList<OutboxRecord> PeekAfter(OutboxLane lane, long afterSequence, int max)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        return Peek(lane, OutboxQueries.After(afterSequence, max), max);
    }

    /// <summary>Runs a query of <see cref="OutboxQueries"/>, which belongs to this thread, to its end before returning.</summary>
    private List<OutboxRecord> Peek(OutboxLane lane, Query query, int max)
    {
        ThrowIfDisposed();
        ThrowIfUnknown(lane);

        _database.Gate.EnterReadLock();
        try
        {
            _writer.ThrowIfUnavailable();
            var records = new List<OutboxRecord>(Math.Min(max, 128));
            foreach (var document in OutboxWriter.Collection(_database.Database, lane).Find(query))
            {
                records.Add(OutboxDocuments.ToRecord(document, lane, _anchors));
            }

            return records;
        }
        catch (Exception exception) when (exception is LiteException or (IOException and not OutboxUnavailableException) or ObjectDisposedException
            && Volatile.Read(ref _disposed) == 0)
        {
            // A read that fails inside LiteDB means the engine or a page is broken; the writer thread reopens the file.
            _writer.RequestReopen(exception);
            throw;
        }
        finally
        {
            _database.Gate.ExitReadLock();
        }
    }

    /// <summary>
    /// Removes records of the lane once their commit is on the device. Sequences that are not (or no longer) in the
    /// lane are ignored, since the disk budget may have dropped them meanwhile.
    /// </summary>
    public ValueTask DeleteAsync(OutboxLane lane, IReadOnlyCollection<long> sequences, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        ThrowIfUnknown(lane);
        ArgumentNullException.ThrowIfNull(sequences);

        return EnqueueDelete(new DeleteCommand(lane, sequences.ToArray()), cancellationToken);
    }

    /// <summary>
    /// Removes records read by <see cref="PeekOldest"/> or <see cref="PeekAfter"/> like
    /// <see cref="DeleteAsync(OutboxLane, IReadOnlyCollection{long}, CancellationToken)"/>; their sizes for the disk
    /// budget come from the records, so the writer does not read each one again before it deletes it.
    /// </summary>
    public ValueTask DeleteAsync(OutboxLane lane, IReadOnlyList<OutboxRecord> records, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        ThrowIfUnknown(lane);
        ArgumentNullException.ThrowIfNull(records);

        var sequences = new long[records.Count];
        var bytes = new long[records.Count];
        var types = new string[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            sequences[i] = records[i].Sequence;
            bytes[i] = OutboxDocuments.EstimateBytes(records[i].Type, records[i].Payload.Length);
            types[i] = records[i].Type;
        }

        return EnqueueDelete(new DeleteCommand(lane, sequences) { EstimatedBytes = bytes, Types = types }, cancellationToken);
    }

    private ValueTask EnqueueDelete(DeleteCommand command, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (command.Sequences.Length == 0)
        {
            return ValueTask.CompletedTask;
        }

        Enqueue(command);
        return new ValueTask(command.Completion.Task.WaitAsync(cancellationToken));
    }

    /// <summary>
    /// Copies the records into a new file and replaces the old one with it, so the space of deleted records goes back
    /// to the file system. Returns the bytes reclaimed, or 0 when it gave up and kept the old file. Appends wait
    /// meanwhile and none is lost.
    /// The writer also compacts by itself when idle (<see cref="OutboxOptions.CompactionInterval"/>).
    /// </summary>
    public Task<long> CompactAsync(CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        var command = new CompactCommand();
        Enqueue(command);
        return command.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// A sequence that no record of the lane exceeds: the highest appended to it since open, or at open the highest
    /// handed out. A reader that has sent the lane up to this sequence has nothing newer to read.
    /// </summary>
    internal long NewestSequence(OutboxLane lane)
    {
        ThrowIfUnknown(lane);
        return _writer.NewestSequence(lane);
    }

    /// <summary>Number of records held in the lane.</summary>
    public long Count(OutboxLane lane)
    {
        ThrowIfUnknown(lane);
        return _totals.Count(lane);
    }

    /// <summary>Records of the lane dropped by the disk budget since the database was created.</summary>
    public long DroppedCount(OutboxLane lane)
    {
        ThrowIfUnknown(lane);
        return _totals.Dropped(lane);
    }

    /// <summary>
    /// Moves records of the lane to the dead-letter collection, where they are kept for analysis but never sent:
    /// for a record larger than the broker accepts, or a batch the broker rejects for good. Sequences that are not
    /// in the lane are ignored.
    /// </summary>
    public ValueTask DeadLetterAsync(OutboxLane lane, IReadOnlyCollection<long> sequences, string reason, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        ThrowIfUnknown(lane);
        ArgumentNullException.ThrowIfNull(sequences);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        cancellationToken.ThrowIfCancellationRequested();

        var command = new DeadLetterCommand(lane, sequences.ToArray(), reason, _timeProvider.GetUtcNow());
        Enqueue(command);

        return new ValueTask(command.Completion.Task.WaitAsync(cancellationToken));
    }

    /// <summary>Records of the lane moved to the dead-letter collection since the database was created.</summary>
    public long DeadLetteredCount(OutboxLane lane)
    {
        ThrowIfUnknown(lane);
        return _totals.DeadLettered(lane);
    }

    /// <summary>Records of the lane replaced by down-sampling summaries since the database was created.</summary>
    public long DownsampledCount(OutboxLane lane)
    {
        ThrowIfUnknown(lane);
        return _totals.Downsampled(lane);
    }

    /// <summary>Creation time of the oldest record of the lane, or null when the lane is empty.</summary>
    public DateTimeOffset? OldestCreatedAt(OutboxLane lane)
    {
        var oldest = PeekOldest(lane, 1);
        return oldest.Count == 0 ? null : oldest[0].CreatedAt;
    }

    /// <summary>
    /// Returns the creation time of the oldest record of the lane, or null when the lane is empty or the store is
    /// closing, for a metrics collection that may run while the host stops.
    /// </summary>
    internal DateTimeOffset? TryOldestCreatedAt(OutboxLane lane)
    {
        try
        {
            return Volatile.Read(ref _disposed) != 0 ? null : OldestCreatedAt(lane);
        }
        catch (Exception exception) when (exception is ObjectDisposedException or LiteException or IOException)
        {
            // IOException covers OutboxUnavailableException while the database is being reopened.
            return null;
        }
    }

    /// <summary>Wall-clock time of the store's clock; record ages can only be wall-clock differences.</summary>
    internal DateTimeOffset Now => _timeProvider.GetUtcNow();

    /// <summary>Bytes of the data and log files on disk now; larger than <see cref="EstimatedBytes"/> (free pages, log).</summary>
    public long FileBytes => FileLength(DatabasePath) + FileLength(OutboxFiles.LogPath(DatabasePath));

    /// <summary>Completes when any lane contains a record: at once if one does, otherwise after the next append commits.</summary>
    public Task WaitForRecordsAsync(CancellationToken cancellationToken)
    {
        // Take the signal before reading the count: a commit in between then completes the signal taken here.
        var signal = Volatile.Read(ref _recordsSignal);
        if (_totals.TotalCount > 0)
        {
            return Task.CompletedTask;
        }

        return signal.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Commits what is queued, closes the database (LiteDB checkpoints if it can) and releases the lock.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _metrics.Dispose();
        try
        {
            _writer.Dispose();
            OutboxLog.Closed(_logger, DatabasePath, _writer.LastSequence, _totals.TotalCount);
            _database.Dispose();
        }
        catch (Exception exception) when (exception is LiteException or IOException or ObjectDisposedException)
        {
            OutboxLog.CloseFailed(_logger, DatabasePath, exception);
        }
        finally
        {
            _lock.Dispose();
        }
    }

    private (OutboxDatabase Database, LaneTotals Totals, long LastSequence) OpenOrRecover()
    {
        try
        {
            return OpenAndLoad();
        }
        catch (Exception exception) when (exception is not (UnauthorizedAccessException or OutOfMemoryException))
        {
            OutboxLog.OpenFailed(_logger, DatabasePath, exception);

            var now = _timeProvider.GetUtcNow();
            var movedData = OutboxFiles.MoveAside(DatabasePath, now);
            var movedLog = OutboxFiles.MoveAside(OutboxFiles.LogPath(DatabasePath), now);
            var movedTo = movedData ?? movedLog ?? DatabasePath;

            Recovery = new OutboxRecovery(DatabasePath, movedTo, movedLog, now, exception.Message);
            OutboxLog.MovedAside(_logger, DatabasePath, movedTo, movedLog);

            return OpenAndLoad();
        }
    }

    /// <summary>
    /// Opens the database and reads its state: the high-water mark, the totals per lane, and the first and last
    /// record of each lane, so that a broken index fails here (and the file is moved aside) rather than later.
    /// </summary>
    private (OutboxDatabase Database, LaneTotals Totals, long LastSequence) OpenAndLoad()
    {
        var database = OutboxDatabase.Open(DatabasePath, _options.CheckpointPages, _options.OpenFile);
        try
        {
            OutboxDocuments.CreateCollections(database.Database);

            var stored = new LaneTotals();
            var storedSequence = OutboxDocuments.LoadState(database.Database, stored);
            var lastSequence = storedSequence ?? 0;
            var totals = new LaneTotals();

            foreach (var lane in OutboxLaneNames.All)
            {
                var collection = OutboxWriter.Collection(database.Database, lane);
                var count = collection.LongCount();
                var newest = collection.Find(Query.All(Query.Descending), 0, 1).FirstOrDefault();
                _ = collection.Find(Query.All(Query.Ascending), 0, 1).FirstOrDefault();

                // The high-water mark and the ids are written in one transaction; taking the larger is a second guard.
                if (newest is not null)
                {
                    lastSequence = Math.Max(lastSequence, newest["_id"].AsInt64);
                }

                totals.Add(lane, count, count == 0 ? 0 : stored.Bytes(lane));
                totals.AddDropped(lane, stored.Dropped(lane));
                totals.AddDownsampled(lane, stored.Downsampled(lane));
                totals.AddDeadLettered(lane, stored.DeadLettered(lane));
            }

            if (storedSequence is null && totals.TotalCount == 0 && _sequenceFloor.Ceiling > lastSequence)
            {
                // A database never written to, on a path where an earlier one handed out sequences.
                lastSequence = _sequenceFloor.Ceiling;
                OutboxLog.SequenceContinued(_logger, DatabasePath, lastSequence);
            }

            return (database, totals, lastSequence);
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    private void Enqueue(OutboxCommand command)
    {
        if (!_writer.TryEnqueue(command))
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            throw new InvalidOperationException($"The outbox writer for '{DatabasePath}' has stopped.", _writer.Fault);
        }
    }

    private void SignalRecords()
    {
        var signal = Interlocked.Exchange(ref _recordsSignal, NewSignal());
        signal.TrySetResult();
    }

    /// <summary>Asks <see cref="OutboxOptions.ClockSynchronisation"/> at most once a second (monotonic), since appends are frequent.</summary>
    private bool IsClockSynchronised()
    {
        if (_options.ClockSynchronisation is not { } source)
        {
            return true;
        }

        var now = _timeProvider.GetTimestamp();
        var checkedAt = Interlocked.Read(ref _clockCheckedAt);
        if (checkedAt == 0 || _timeProvider.GetElapsedTime(checkedAt, now) >= TimeSpan.FromSeconds(1))
        {
            _clockSynchronised = source.IsSynchronised;
            Interlocked.Exchange(ref _clockCheckedAt, now == 0 ? 1 : now);
        }

        return _clockSynchronised;
    }

    /// <summary>The kernel's boot id on Linux; elsewhere an id for this process, so corrections stay within it.</summary>
    private static string ReadBootId()
    {
        try
        {
            var text = File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim();
            return text.Length > 0 ? text : Guid.NewGuid().ToString();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return Guid.NewGuid().ToString();
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    private static void ThrowIfUnknown(OutboxLane lane)
    {
        if (!Enum.IsDefined(lane))
        {
            throw new ArgumentOutOfRangeException(nameof(lane), lane, "Unknown outbox lane.");
        }
    }

    private static long FileLength(string path)
    {
        var file = new FileInfo(path);
        return file.Exists ? file.Length : 0;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static OutboxOptions Copy(OutboxOptions options) => new()
    {
        DatabasePath = options.DatabasePath,
        MaxDiskBytes = options.MaxDiskBytes,
        AlarmReserveBytes = options.AlarmReserveBytes,
        Downsampling = options.Downsampling,
        TelemetryCommitWindow = options.TelemetryCommitWindow,
        CheckpointPages = options.CheckpointPages,
        MaxPayloadBytes = options.MaxPayloadBytes,
        CompactionInterval = options.CompactionInterval,
        ClockSynchronisation = options.ClockSynchronisation,
        BootId = options.BootId,
        CompactionMinFreeBytes = options.CompactionMinFreeBytes,
        OpenFile = options.OpenFile,
    };
}
