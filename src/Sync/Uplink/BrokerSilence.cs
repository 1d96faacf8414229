namespace SmartCampus.Edge.Sync.Uplink;

/// <summary>
/// When the district broker last answered on the current connection (CONNACK, SUBACK, any PUBACK, a command), and
/// waits for one answer for as long as the broker keeps answering others. A wait fails once the broker has been
/// silent for the whole limit, so a PUBACK stuck behind TCP retransmissions on a slow but working link does not end
/// the connection while other answers still arrive, and a dead link is still noticed within the limit. One answer
/// never waits longer than <see cref="MaxWaitFactor"/> × the limit, in case the broker never acknowledges it.
/// </summary>
/// <remarks>
/// Thread-safe: the batch loop, the command loop and MQTTnet's receive path record answers at the same time.
/// </remarks>
internal sealed class BrokerSilence(TimeProvider timeProvider, TimeSpan limit)
{
    public const int MaxWaitFactor = 3;

    private long _lastAnswerAt = timeProvider.GetTimestamp();

    public TimeSpan Limit => limit;

    /// <summary>How long the broker has sent nothing.</summary>
    public TimeSpan Silence => timeProvider.GetElapsedTime(Volatile.Read(ref _lastAnswerAt));

    public void Heard() => Volatile.Write(ref _lastAnswerAt, timeProvider.GetTimestamp());

    /// <summary>
    /// Waits for <paramref name="answer"/>. Throws <see cref="TimeoutException"/> once the broker has been silent for
    /// <see cref="Limit"/>, or the answer has taken <see cref="MaxWaitFactor"/> × the limit; the caller then cancels
    /// the request and drops the connection.
    /// </summary>
    public async Task<T> WaitAsync<T>(Task<T> answer, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        while (true)
        {
            var remaining = limit - Silence;
            var total = (limit * MaxWaitFactor) - timeProvider.GetElapsedTime(started);
            if (remaining > total)
            {
                remaining = total;
            }

            if (remaining <= TimeSpan.Zero && !answer.IsCompleted)
            {
                throw new TimeoutException($"No answer from the district broker: silent for {Silence.TotalMilliseconds:F0} ms, waited {timeProvider.GetElapsedTime(started).TotalMilliseconds:F0} ms.");
            }

            try
            {
                var result = await answer.WaitAsync(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, timeProvider, cancellationToken);
                Heard();
                return result;
            }
            catch (TimeoutException) when (!answer.IsCompleted)
            {
                // Another answer may have come meanwhile: the loop measures the silence again.
            }
        }
    }
}
