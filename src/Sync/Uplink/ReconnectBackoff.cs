namespace SmartCampus.Edge.Sync.Uplink;

/// <summary>
/// Exponential reconnect delays with jitter: the n-th delay lies between half and all of min × 2^n, capped at max,
/// and never below min. The random half spreads the reconnects of hundreds of gateways after a district outage.
/// </summary>
internal sealed class ReconnectBackoff
{
    private readonly TimeSpan _min;
    private readonly TimeSpan _max;
    private readonly Random _random;

    public ReconnectBackoff(TimeSpan min, TimeSpan max, Random random)
    {
        _min = min;
        _max = max;
        _random = random;
    }

    /// <summary>Failures since the last <see cref="Reset"/>.</summary>
    public int Attempt { get; private set; }

    public TimeSpan Next()
    {
        // Capping the exponent keeps 2^n finite; min × 2^30 is far above any sensible max.
        var ceilingMilliseconds = Math.Min(_max.TotalMilliseconds, _min.TotalMilliseconds * Math.Pow(2, Math.Min(Attempt, 30)));
        Attempt++;

        var jittered = ceilingMilliseconds * (0.5 + (0.5 * _random.NextDouble()));
        return TimeSpan.FromMilliseconds(Math.Max(_min.TotalMilliseconds, jittered));
    }

    public void Reset() => Attempt = 0;
}
