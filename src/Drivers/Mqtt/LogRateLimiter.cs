namespace SmartCampus.Edge.Drivers.Mqtt;

/// <summary>
/// Allows one log line per key and interval on the monotonic clock, and counts what it held back, so that a
/// client that sends garbage or retries a wrong password many times a second cannot flood the log.
/// </summary>
public sealed class LogRateLimiter(TimeProvider timeProvider, TimeSpan interval)
{
    // Keys come from client ids and topics that clients choose; the table is emptied past this size so that it stays bounded.
    private const int MaxKeys = 1024;

    private readonly Lock _sync = new();
    private readonly Dictionary<string, (long LastLogged, int Suppressed)> _entries = new(StringComparer.Ordinal);

    /// <summary>True when a line for <paramref name="key"/> may be logged now; <paramref name="suppressed"/> is how many were held back since the last one.</summary>
    public bool TryAcquire(string key, out int suppressed)
    {
        var now = timeProvider.GetTimestamp();
        lock (_sync)
        {
            if (_entries.TryGetValue(key, out var entry) && timeProvider.GetElapsedTime(entry.LastLogged, now) < interval)
            {
                _entries[key] = (entry.LastLogged, entry.Suppressed + 1);
                suppressed = 0;
                return false;
            }

            if (_entries.Count >= MaxKeys)
            {
                _entries.Clear();
            }

            suppressed = entry.Suppressed;
            _entries[key] = (now, 0);
            return true;
        }
    }
}
