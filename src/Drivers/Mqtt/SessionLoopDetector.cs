namespace SmartCampus.Edge.Drivers.Mqtt;

/// <summary>
/// Notices when the same incoming message ends connection after connection: a retained or queued message that
/// the client cannot survive is delivered again at every reconnect, so without this the gateway would reconnect
/// in a loop and starve every other topic. A connection counts when it ended within
/// <see cref="CampusMqttOptions.ShortSession"/> of connecting while a message was being handled, or right after one.
/// Not thread-safe; the session calls it from its own loop, and <see cref="OnMessage"/> from MQTTnet's receive task
/// under the session's lock.
/// </summary>
internal sealed class SessionLoopDetector(TimeSpan shortSession, int threshold)
{
    private MessageFingerprint? _lastInSession;
    private MessageFingerprint? _repeating;
    private int _repeats;

    /// <summary>Connections in a row that ended after the same message.</summary>
    public int Repeats => _repeats;

    /// <summary>Topic of the message that ended the last connections, once the loop is detected.</summary>
    public string? LoopTopic { get; private set; }

    public void OnConnected() => _lastInSession = null;

    public void OnMessage(MessageFingerprint fingerprint) => _lastInSession = fingerprint;

    /// <summary>Returns true once, when <paramref name="sessionLength"/> makes the threshold of short connections ending after the same message.</summary>
    public bool OnDisconnected(TimeSpan sessionLength)
    {
        var last = _lastInSession;
        _lastInSession = null;
        if (sessionLength >= shortSession || last is null)
        {
            _repeating = null;
            _repeats = 0;
            return false;
        }

        if (_repeating is { } previous && previous.Equals(last.Value))
        {
            _repeats++;
        }
        else
        {
            _repeating = last;
            _repeats = 1;
        }

        if (_repeats < threshold || LoopTopic is not null)
        {
            return false;
        }

        LoopTopic = last.Value.Topic;
        return true;
    }
}
