namespace SmartCampus.Edge.Reliability.Tests.Scale;

/// <summary>What the district consumer received from one gateway: distinct sequences and when the first and last arrived.</summary>
internal sealed class GatewayTally
{
    private readonly HashSet<long> _sequences = [];
    private readonly Dictionary<int, long> _reached = [];

    public long FirstArrival { get; private set; }

    public long LastArrival { get; private set; }

    public int Distinct
    {
        get
        {
            lock (_sequences)
            {
                return _sequences.Count;
            }
        }
    }

    /// <summary>Arrival time of the record that made <see cref="Distinct"/> reach <paramref name="count"/>; 0 if not yet.</summary>
    public long ReachedAt(int count)
    {
        lock (_sequences)
        {
            return _reached.TryGetValue(count, out var at) ? at : 0;
        }
    }

    public void Add(long sequence, long timestamp)
    {
        lock (_sequences)
        {
            if (_sequences.Add(sequence))
            {
                _reached[_sequences.Count] = timestamp;
            }

            FirstArrival = FirstArrival == 0 ? timestamp : FirstArrival;
            LastArrival = timestamp;
        }
    }
}
