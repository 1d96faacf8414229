using System.Net.Sockets;
using MQTTnet.Exceptions;

namespace SmartCampus.Edge.Sync.Uplink;

/// <summary>
/// Connection state and counters of a district link, thread-safe, as <see cref="UplinkState"/> snapshots. A delivered
/// batch or an empty outbox resets the reconnect backoff, so the next outage starts at the shortest delay.
/// </summary>
internal sealed class UplinkStateTracker(TimeProvider timeProvider, ReconnectBackoff backoff)
{
    private readonly Lock _lock = new();

    private UplinkConnectionState _connection;
    private string? _lastError;
    private DateTimeOffset? _lastErrorAt;
    private UplinkFailureKind _lastErrorKind;
    private DateTimeOffset? _connectedSince;
    private bool _sessionPresent;
    private long _recordsSent;
    private long _batchesSent;
    private long _connectAttempts;
    private int _consecutiveFailures;

    public UplinkState Snapshot()
    {
        lock (_lock)
        {
            return new UplinkState
            {
                Connection = _connection,
                LastError = _lastError,
                LastErrorAt = _lastErrorAt,
                LastErrorKind = _lastErrorKind,
                ConnectedSince = _connectedSince,
                SessionPresent = _sessionPresent,
                RecordsSent = _recordsSent,
                BatchesSent = _batchesSent,
                ConnectAttempts = _connectAttempts,
                ConsecutiveFailures = _consecutiveFailures,
            };
        }
    }

    /// <summary>Marks a connect attempt and returns its number since start.</summary>
    public long SetConnecting()
    {
        lock (_lock)
        {
            _connection = UplinkConnectionState.Connecting;
            return ++_connectAttempts;
        }
    }

    public void SetConnected(bool sessionPresent)
    {
        lock (_lock)
        {
            _connection = UplinkConnectionState.Connected;
            _connectedSince = timeProvider.GetUtcNow();
            _sessionPresent = sessionPresent;
        }
    }

    public void SetDisconnected()
    {
        lock (_lock)
        {
            _connection = UplinkConnectionState.Disconnected;
            _connectedSince = null;
        }
    }

    /// <summary>Counts a failed connect or publish in the metrics and the run of failures, and keeps its message.</summary>
    public void RecordFailure(Exception exception)
    {
        UplinkMetrics.RecordFailure(exception);
        RecordError($"{exception.GetType().Name}: {exception.Message}");
        lock (_lock)
        {
            _lastErrorKind = KindOf(exception);
            _consecutiveFailures++;
        }
    }

    public void RecordError(string error)
    {
        lock (_lock)
        {
            _lastError = error;
            _lastErrorAt = timeProvider.GetUtcNow();
            _lastErrorKind = UplinkFailureKind.Other;
        }
    }

    private static UplinkFailureKind KindOf(Exception exception)
    {
        if (exception is UplinkConnectRejectedException)
        {
            return UplinkFailureKind.Rejected;
        }

        // MQTTnet wraps the socket error of a failed connect, and UplinkConnectError wraps that once more.
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case TimeoutException or MqttCommunicationTimedOutException or SocketException { SocketErrorCode: SocketError.TimedOut }:
                    return UplinkFailureKind.TimedOut;
                case SocketException:
                    return UplinkFailureKind.Unreachable;
            }
        }

        return UplinkFailureKind.Other;
    }

    public void RecordBatchSent(int records)
    {
        lock (_lock)
        {
            _recordsSent += records;
            _batchesSent++;
        }

        MarkHealthy();
    }

    /// <summary>
    /// Counts records acknowledged on the alarm connection. It leaves the batch count and the main connection's run
    /// of failures alone, since that connection may still be down.
    /// </summary>
    public void RecordAlarmsSent(int records)
    {
        lock (_lock)
        {
            _recordsSent += records;
        }
    }

    /// <summary>Ends a run of failures: a delivered batch or an empty outbox shows the link works.</summary>
    public void MarkHealthy()
    {
        backoff.Reset();
        lock (_lock)
        {
            _consecutiveFailures = 0;
        }
    }
}
