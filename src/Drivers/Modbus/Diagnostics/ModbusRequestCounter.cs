using System.Runtime.CompilerServices;
using SmartCampus.Edge.Drivers.Modbus.Protocol;

namespace SmartCampus.Edge.Drivers.Modbus.Diagnostics;

/// <summary>
/// One device's retry loop and its counters: each attempt is counted in <see cref="ModbusCounters"/> and in
/// <see cref="ModbusMetrics"/>, and an attempt that fails in a retryable way is repeated up to the retry limit.
/// </summary>
internal sealed class ModbusRequestCounter
{
    private readonly string _deviceId;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _lock = new();

    // Plain fields, because updating a ModbusCounters record with "with" left record copies as garbage on every poll.
    // GetCounters takes a snapshot far less often than a poll runs, so the copy is made there.
    private long _requests;
    private long _responses;
    private long _exceptionResponses;
    private long _timeouts;
    private long _framingErrors;
    private long _connectionErrors;
    private long _protocolErrors;
    private TimeSpan _totalLatency;
    private TimeSpan _maxLatency;

    public ModbusRequestCounter(string deviceId, TimeProvider timeProvider)
    {
        _deviceId = deviceId;
        _timeProvider = timeProvider;
    }

    public ModbusCounters Snapshot()
    {
        lock (_lock)
        {
            return new ModbusCounters
            {
                Requests = _requests,
                Responses = _responses,
                ExceptionResponses = _exceptionResponses,
                Timeouts = _timeouts,
                FramingErrors = _framingErrors,
                ConnectionErrors = _connectionErrors,
                ProtocolErrors = _protocolErrors,
                TotalLatency = _totalLatency,
                MaxLatency = _maxLatency,
            };
        }
    }

    /// <summary>
    /// Runs <paramref name="attempt"/> with <paramref name="state"/> until it returns, at most 1 + <paramref name="retries"/>
    /// times. The attempt checks the reply, so an exception response arrives here as
    /// <see cref="ModbusExceptionResponseException"/> and a reply that does not match its request as a protocol error.
    /// An attempt whose failure <paramref name="isRetryable"/> accepts is repeated while retries are left; any other
    /// failure, and the last one, is thrown. The state is passed through rather than captured, so a static lambda and a
    /// struct state cost no allocation per request.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<TResult> RunAsync<TState, TResult>(
        Func<TState, CancellationToken, ValueTask<TResult>> attempt,
        TState state,
        int retries,
        Func<ModbusException, bool> isRetryable,
        CancellationToken cancellationToken)
    {
        for (var attemptNumber = 0; ; attemptNumber++)
        {
            var started = _timeProvider.GetTimestamp();
            try
            {
                var result = await attempt(state, cancellationToken);
                Count(started, ModbusRequestOutcome.Response);
                return result;
            }
            catch (ModbusException exception) when (attemptNumber < retries && isRetryable(exception))
            {
                Count(started, OutcomeOf(exception));
            }
            catch (ModbusException exception)
            {
                Count(started, OutcomeOf(exception));
                throw;
            }
        }
    }

    private static ModbusRequestOutcome OutcomeOf(ModbusException exception) => exception switch
    {
        ModbusTimeoutException => ModbusRequestOutcome.Timeout,
        ModbusConnectionException => ModbusRequestOutcome.ConnectionError,
        ModbusExceptionResponseException => ModbusRequestOutcome.ExceptionResponse,
        ModbusProtocolException { Error: ModbusProtocolError.FramingError } => ModbusRequestOutcome.FramingError,
        _ => ModbusRequestOutcome.ProtocolError,
    };

    private void Count(long started, ModbusRequestOutcome outcome)
    {
        var latency = _timeProvider.GetElapsedTime(started);
        ModbusMetrics.Record(_deviceId, outcome, latency);

        lock (_lock)
        {
            _requests++;
            switch (outcome)
            {
                case ModbusRequestOutcome.Response:
                    _responses++;
                    break;
                case ModbusRequestOutcome.ExceptionResponse:
                    _exceptionResponses++;
                    break;
                case ModbusRequestOutcome.Timeout:
                    _timeouts++;
                    break;
                case ModbusRequestOutcome.FramingError:
                    _framingErrors++;
                    break;
                case ModbusRequestOutcome.ConnectionError:
                    _connectionErrors++;
                    break;
                default:
                    _protocolErrors++;
                    break;
            }

            if (outcome is ModbusRequestOutcome.Response or ModbusRequestOutcome.ExceptionResponse)
            {
                _totalLatency += latency;
                if (latency > _maxLatency)
                {
                    _maxLatency = latency;
                }
            }
        }
    }
}
