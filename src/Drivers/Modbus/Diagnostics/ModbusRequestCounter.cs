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
    private ModbusCounters _counters = new();

    public ModbusRequestCounter(string deviceId, TimeProvider timeProvider)
    {
        _deviceId = deviceId;
        _timeProvider = timeProvider;
    }

    public ModbusCounters Snapshot()
    {
        lock (_lock)
        {
            return _counters;
        }
    }

    /// <summary>
    /// Runs <paramref name="attempt"/> until it returns a reply PDU, at most 1 + <paramref name="retries"/> times.
    /// An attempt whose failure <paramref name="isRetryable"/> accepts is repeated while retries are left; any other
    /// failure, and the last one, is thrown.
    /// </summary>
    public async Task<byte[]> RunAsync(
        Func<CancellationToken, Task<byte[]>> attempt,
        int retries,
        Func<ModbusException, bool> isRetryable,
        CancellationToken cancellationToken)
    {
        for (var attemptNumber = 0; ; attemptNumber++)
        {
            var started = _timeProvider.GetTimestamp();
            try
            {
                var reply = await attempt(cancellationToken);
                var exceptionResponse = reply.Length > 0 && (reply[0] & 0x80) != 0;
                Count(started, exceptionResponse ? ModbusRequestOutcome.ExceptionResponse : ModbusRequestOutcome.Response);
                return reply;
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
            var c = _counters with { Requests = _counters.Requests + 1 };
            c = outcome switch
            {
                ModbusRequestOutcome.Response => c with { Responses = c.Responses + 1 },
                ModbusRequestOutcome.ExceptionResponse => c with { ExceptionResponses = c.ExceptionResponses + 1 },
                ModbusRequestOutcome.Timeout => c with { Timeouts = c.Timeouts + 1 },
                ModbusRequestOutcome.FramingError => c with { FramingErrors = c.FramingErrors + 1 },
                ModbusRequestOutcome.ConnectionError => c with { ConnectionErrors = c.ConnectionErrors + 1 },
                _ => c with { ProtocolErrors = c.ProtocolErrors + 1 },
            };

            if (outcome is ModbusRequestOutcome.Response or ModbusRequestOutcome.ExceptionResponse)
            {
                c = c with
                {
                    TotalLatency = c.TotalLatency + latency,
                    MaxLatency = latency > c.MaxLatency ? latency : c.MaxLatency,
                };
            }

            _counters = c;
        }
    }
}
