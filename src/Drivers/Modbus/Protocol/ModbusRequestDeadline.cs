namespace SmartCampus.Edge.Drivers.Modbus.Protocol;

/// <summary>
/// The deadline of the one request a connection or bus has in flight, kept from request to request. Its token is
/// cancelled when the timeout passes or when the caller's token is cancelled, as a linked token source would be, but
/// a request in steady state allocates no source, timer or link. Calls must not overlap: the owner starts and stops
/// it under its own one-request-at-a-time lock.
/// </summary>
/// <remarks>
/// The source is reused only when <see cref="CancellationTokenSource.TryReset"/> returns true. With the system timer
/// that means the timer was stopped before it ever fired, so a deadline that fires just as its request completes
/// cannot cancel the next request: the source it cancels is replaced, never reset. TryReset cannot stop the timer of
/// another <see cref="TimeProvider"/> (in .NET 10 it returns false for one, and .NET 8 returned true and left the
/// timer running), so with any provider other than <see cref="TimeProvider.System"/> each request gets a new source.
/// </remarks>
internal sealed class ModbusRequestDeadline : IDisposable
{
    private readonly TimeProvider _timeProvider;
    private CancellationTokenSource? _source;
    private CancellationTokenRegistration _callerRegistration;
    private CancellationToken _callerToken;

    public ModbusRequestDeadline(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
    }

    /// <summary>True when the timeout ended the request in progress or the last one, and the caller did not cancel it.</summary>
    public bool Expired => _source is { IsCancellationRequested: true } && !_callerToken.IsCancellationRequested;

    /// <summary>Starts the deadline of a new request and returns the token that ends it.</summary>
    public CancellationToken Start(TimeSpan timeout, CancellationToken callerToken)
    {
        if (_source is not null && ReferenceEquals(_timeProvider, TimeProvider.System) && _source.TryReset())
        {
            _source.CancelAfter(timeout);
        }
        else
        {
            _source?.Dispose();
            _source = new CancellationTokenSource(timeout, _timeProvider);
        }

        // The caller's source keeps a free list of registration nodes, so registering on a long-lived token (the
        // poller's stop token) allocates only the first time.
        _callerToken = callerToken;
        _callerRegistration = callerToken.UnsafeRegister(static source => ((CancellationTokenSource)source!).Cancel(), _source);
        return _source.Token;
    }

    /// <summary>
    /// Stops the timer and ends the link to the caller's token. A device polled less often than its timeout would
    /// otherwise see the timer fire between polls, and its next request would need a new source.
    /// </summary>
    public void Stop()
    {
        _callerRegistration.Dispose();
        _callerRegistration = default;
        _source?.CancelAfter(Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        Stop();
        _source?.Dispose();
        _source = null;
    }
}
