namespace SmartCampus.Edge.Sync.Uplink;

/// <summary>Snapshot of the district link for the host's health page and console.</summary>
public sealed class UplinkState
{
    public UplinkConnectionState Connection { get; init; }

    /// <summary>Last connect, publish or connection error (English, from the exception), or null if none yet.</summary>
    public string? LastError { get; init; }

    public DateTimeOffset? LastErrorAt { get; init; }

    public UplinkFailureKind LastErrorKind { get; init; }

    /// <summary>When the current connection was established; null while disconnected.</summary>
    public DateTimeOffset? ConnectedSince { get; init; }

    /// <summary>Whether the broker resumed a stored session at the last connect.</summary>
    public bool SessionPresent { get; init; }

    /// <summary>
    /// Records acknowledged by the broker since start, on either district connection. Telemetry and events sent again
    /// after a reconnect count again. An alarm counts once, even when both connections had it acknowledged.
    /// </summary>
    public long RecordsSent { get; init; }

    public long BatchesSent { get; init; }

    public long ConnectAttempts { get; init; }

    /// <summary>Connect or publish failures since the last successful batch or empty outbox.</summary>
    public int ConsecutiveFailures { get; init; }
}
