using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Sync.Resources;

namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>
/// Closes a database that failed while open and opens it again the way the store opens it at start (log repair
/// against the manifest, open, and moving the files aside when they cannot be opened). A reopen that fails is retried
/// after a backoff of 1 s, doubling up to 1 min, on the monotonic clock. Used only on the writer thread; other
/// threads read <see cref="Health"/>.
/// </summary>
internal sealed class OutboxReopener
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(1);

    private readonly OutboxDatabase _database;
    private readonly string _databasePath;
    private readonly Func<(OutboxDatabase Database, LaneTotals Totals, long LastSequence)> _open;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    private volatile OutboxHealth _health = OutboxHealth.Opened;
    private long _failedAt;
    private long _nextAttemptAt;

    public OutboxReopener(
        OutboxDatabase database,
        string databasePath,
        Func<(OutboxDatabase Database, LaneTotals Totals, long LastSequence)> open,
        TimeProvider timeProvider,
        ILogger logger)
    {
        _database = database;
        _databasePath = databasePath;
        _open = open;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public OutboxHealth Health => _health;

    public bool IsUnavailable => _health.State == OutboxState.Reopening;

    /// <summary>Time until the next reopen attempt is due; zero when it is due, infinite while the database is open.</summary>
    public TimeSpan UntilNextAttempt
    {
        get
        {
            if (!IsUnavailable)
            {
                return Timeout.InfiniteTimeSpan;
            }

            var remaining = _timeProvider.GetElapsedTime(_timeProvider.GetTimestamp(), _nextAttemptAt);
            return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
        }
    }

    /// <summary>
    /// Marks the database as failed and closes it while no reader is inside LiteDB. Readers then get
    /// <see cref="OutboxUnavailableException"/> until <see cref="TryReopen"/> succeeds. The first attempt is due at once.
    /// </summary>
    public void Fail(string operation, Exception exception)
    {
        _database.Gate.EnterWriteLock();
        try
        {
            if (!IsUnavailable)
            {
                OutboxLog.DatabaseFailed(_logger, _databasePath, operation, exception);
                _failedAt = _timeProvider.GetTimestamp();
                _nextAttemptAt = _failedAt;
                _health = _health with { State = OutboxState.Reopening, UnavailableSince = _timeProvider.GetUtcNow(), Error = exception.Message, FailedAttempts = 0 };
            }

            _database.Abandon();
        }
        finally
        {
            _database.Gate.ExitWriteLock();
        }
    }

    /// <summary>
    /// Opens the database again and hands its state to <paramref name="adopt"/> while readers are still kept out, so
    /// they see the totals of the reopened file from their first read. Returns false when the open failed; the next
    /// attempt is then due after the backoff.
    /// </summary>
    public bool TryReopen(Action<LaneTotals, long> adopt)
    {
        _database.Gate.EnterWriteLock();
        try
        {
            var (opened, totals, lastSequence) = _open();
            _database.Adopt(opened);
            adopt(totals, lastSequence);

            var health = _health;
            _health = health with { State = OutboxState.Open, UnavailableSince = null, Error = null, FailedAttempts = 0, Reopens = health.Reopens + 1 };
            var unavailable = _timeProvider.GetElapsedTime(_failedAt);
            OutboxLog.Reopened(_logger, _databasePath, health.FailedAttempts, (long)unavailable.TotalMilliseconds, lastSequence, totals.TotalCount);
            return true;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Whatever the open throws, the gateway keeps running: the next attempt may find the disk back. A
            // database adopted before the failure is closed again, so the next attempt can open its files.
            _database.Abandon();
            var health = _health;
            var attempt = health.FailedAttempts + 1;
            var delay = RetryDelay(attempt);
            _nextAttemptAt = _timeProvider.GetTimestamp() + (long)(delay.TotalSeconds * _timeProvider.TimestampFrequency);
            _health = health with { Error = exception.Message, FailedAttempts = attempt, ReopenFailures = health.ReopenFailures + 1 };
            OutboxLog.ReopenFailed(_logger, _databasePath, attempt, (long)delay.TotalMilliseconds, exception);
            return false;
        }
        finally
        {
            _database.Gate.ExitWriteLock();
        }
    }

    /// <summary>The error for a command or read refused while the database is being reopened.</summary>
    public OutboxUnavailableException Unavailable() =>
        new(SyncText.Format(SyncText.OutboxUnavailable, _databasePath, _health.Error ?? string.Empty));

    private static TimeSpan RetryDelay(int failedAttempts)
    {
        var doublings = Math.Min(failedAttempts - 1, 16);
        var delay = FirstRetryDelay * Math.Pow(2, doublings);
        return delay < MaxRetryDelay ? delay : MaxRetryDelay;
    }
}
