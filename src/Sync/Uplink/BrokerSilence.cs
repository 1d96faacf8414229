namespace SmartCampus.Edge.Sync.Uplink;

/// <summary>
/// Time of the district broker's last response on the current connection (CONNACK, SUBACK, any PUBACK, a command),
/// and a wait for one response that lasts while the broker keeps responding to other requests. A wait fails once the
/// broker has been silent for the whole limit. So a PUBACK held up by TCP retransmissions on a slow but working link
/// does not end the connection while other responses still arrive, and a dead link is still noticed within the limit.
/// One response never waits longer than <see cref="MaxWaitFactor"/> × the limit, in case the broker never sends it.
/// </summary>
/// <remarks>
/// Thread-safe: the batch loop, the command loop and MQTTnet's receive path record responses at the same time.
/// </remarks>
internal sealed class BrokerSilence(TimeProvider timeProvider, TimeSpan limit)
{
    public const int MaxWaitFactor = 3;

    private long _lastResponseAt = timeProvider.GetTimestamp();

    /// <summary>Time since the broker last sent anything.</summary>
    public TimeSpan Silence => timeProvider.GetElapsedTime(Volatile.Read(ref _lastResponseAt));

    public void RecordResponse() => Volatile.Write(ref _lastResponseAt, timeProvider.GetTimestamp());

    /// <summary>
    /// Waits for <paramref name="response"/> and records it. Throws <see cref="TimeoutException"/> once the broker has
    /// been silent for the limit, or the response has taken <see cref="MaxWaitFactor"/> × the limit. The caller then
    /// cancels the request and drops the connection.
    /// </summary>
    public async Task<T> WaitAsync<T>(Task<T> response, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        while (true)
        {
            var untilSilent = limit - Silence;
            var untilMaxWait = (limit * MaxWaitFactor) - timeProvider.GetElapsedTime(started);
            var remaining = untilSilent < untilMaxWait ? untilSilent : untilMaxWait;
            if (remaining <= TimeSpan.Zero && !response.IsCompleted)
            {
                throw new TimeoutException(
                    $"The district broker did not respond: silent for {Silence.TotalMilliseconds:F0} ms, waited {timeProvider.GetElapsedTime(started).TotalMilliseconds:F0} ms.");
            }

            try
            {
                var result = await response.WaitAsync(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, timeProvider, cancellationToken);
                RecordResponse();
                return result;
            }
            catch (TimeoutException) when (!response.IsCompleted)
            {
                // Another response may have arrived meanwhile, so the loop measures the silence again.
            }
        }
    }
}
