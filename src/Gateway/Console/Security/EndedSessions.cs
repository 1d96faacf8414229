using System.Collections.Concurrent;

namespace SmartCampus.Edge.Gateway.WebConsole.Security;

/// <summary>
/// Sessions ended by logout. A cookie stays valid until it expires, so a copy of it (or a stream opened with it)
/// would outlive the logout; this list rejects it until then. Entries drop out when their cookie would have expired.
/// </summary>
// NOTE: the list lives in memory: after a gateway restart a logged-out cookie is valid again until it expires.
internal sealed class EndedSessions(TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _ended = new(StringComparer.Ordinal);

    public void End(string? sessionId, DateTimeOffset? expires)
    {
        if (string.IsNullOrEmpty(sessionId))
        {
            return;
        }

        var now = timeProvider.GetUtcNow();
        foreach (var (id, until) in _ended)
        {
            if (until <= now)
            {
                _ended.TryRemove(id, out _);
            }
        }

        _ended[sessionId] = expires ?? DateTimeOffset.MaxValue;
    }

    public bool IsEnded(string? sessionId) => sessionId is not null && _ended.ContainsKey(sessionId);
}
