using System.Collections.Concurrent;

namespace SmartCampus.Edge.Gateway.WebConsole.Security;

/// <summary>
/// Failed logins and setup attempts per client address. After <see cref="MaxFailures"/> failures within
/// <see cref="Window"/>, the address is locked out for <see cref="Lockout"/>; a success clears its count. Times are
/// on the monotonic clock of the injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed class LoginThrottle(TimeProvider timeProvider)
{
    public const int MaxFailures = 5;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan Lockout = TimeSpan.FromMinutes(5);

    /// <summary>Addresses tracked at most, so a flood of addresses cannot grow memory without bound.</summary>
    private const int MaxClients = 10_000;

    private readonly ConcurrentDictionary<string, ClientState> _clients = new(StringComparer.Ordinal);

    /// <summary>Time left of the client's lockout; null when it may try.</summary>
    public TimeSpan? LockedFor(string client)
    {
        if (!_clients.TryGetValue(client, out var state))
        {
            return null;
        }

        lock (state)
        {
            if (state.LockedAt is not { } lockedAt)
            {
                return null;
            }

            var left = Lockout - timeProvider.GetElapsedTime(lockedAt);
            return left > TimeSpan.Zero ? left : null;
        }
    }

    /// <summary>Counts a failure; returns the lockout time when this failure started one.</summary>
    public TimeSpan? RecordFailure(string client)
    {
        if (_clients.Count >= MaxClients)
        {
            _clients.Clear();
        }

        var state = _clients.GetOrAdd(client, _ => new ClientState());
        lock (state)
        {
            var now = timeProvider.GetTimestamp();
            if (state.LockedAt is { } lockedAt && timeProvider.GetElapsedTime(lockedAt, now) >= Lockout)
            {
                state.LockedAt = null;
                state.Failures.Clear();
            }

            while (state.Failures.Count > 0 && timeProvider.GetElapsedTime(state.Failures.Peek(), now) > Window)
            {
                state.Failures.Dequeue();
            }

            state.Failures.Enqueue(now);
            if (state.Failures.Count >= MaxFailures && state.LockedAt is null)
            {
                state.LockedAt = now;
                return Lockout;
            }

            return null;
        }
    }

    public void RecordSuccess(string client) => _clients.TryRemove(client, out _);

    private sealed class ClientState
    {
        public Queue<long> Failures { get; } = new();

        public long? LockedAt { get; set; }
    }
}
