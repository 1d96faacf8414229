namespace SmartCampus.Edge.Sync.Uplink;

/// <summary>
/// Exponential reconnect delays with jitter: the n-th delay lies between half and all of min × 2^n, capped at max,
/// and never below min. The random half spreads the reconnects of hundreds of gateways after a district outage.
/// With a first delay, the first retry after a <see cref="Reset"/> (a connection that worked) comes sooner: between
/// half and all of it. A link that dropped one connection is often usable again at once (a stall on a lossy line,
/// a broker that closed one socket), and a full minimum delay there only adds to an alarm's wait.
/// </summary>
internal sealed class ReconnectBackoff
{
    private readonly TimeSpan _min;
    private readonly TimeSpan _max;
    private readonly TimeSpan? _first;
    private readonly Random _random;

    public ReconnectBackoff(TimeSpan min, TimeSpan max, Random random)
        : this(min, max, first: null, random)
    {
    }

    /// <param name="first">The first retry's delay; null or not below <paramref name="min"/> keeps min.</param>
    public ReconnectBackoff(TimeSpan min, TimeSpan max, TimeSpan? first, Random random)
    {
        _min = min;
        _max = max;
        _first = first is { } value && value > TimeSpan.Zero && value < min ? value : null;
        _random = random;
    }

    /// <summary>Failures since the last <see cref="Reset"/>.</summary>
    public int Attempt { get; private set; }

    public TimeSpan Next()
    {
        if (Attempt == 0 && _first is { } first)
        {
            Attempt++;
            return first * (0.5 + (0.5 * _random.NextDouble()));
        }

        // The exponent counts from the first full-length delay; capping it keeps 2^n finite (min × 2^30 is far above any max).
        var exponent = _first is null ? Attempt : Attempt - 1;
        var ceilingMilliseconds = Math.Min(_max.TotalMilliseconds, _min.TotalMilliseconds * Math.Pow(2, Math.Min(exponent, 30)));
        Attempt++;

        var jittered = ceilingMilliseconds * (0.5 + (0.5 * _random.NextDouble()));
        return TimeSpan.FromMilliseconds(Math.Max(_min.TotalMilliseconds, jittered));
    }

    public void Reset() => Attempt = 0;
}
