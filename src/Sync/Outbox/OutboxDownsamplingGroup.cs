using LiteDB;

namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>The records of one type, group and interval found by one down-sampling pass, with per-key figures.</summary>
internal sealed class OutboxDownsamplingGroup
{
    private readonly Dictionary<string, Figures> _keys = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    /// <summary>The records in sequence order.</summary>
    public List<BsonDocument> Records { get; } = [];

    /// <summary>Most measurements held by one record of the group.</summary>
    public int LargestRecord { get; private set; }

    public void Add(BsonDocument record, List<OutboxSample> samples)
    {
        Records.Add(record);
        LargestRecord = Math.Max(LargestRecord, samples.Count);
        foreach (var sample in samples)
        {
            if (!_keys.TryGetValue(sample.Key, out var figures))
            {
                figures = new Figures();
                _keys.Add(sample.Key, figures);
                _order.Add(sample.Key);
            }

            figures.Add(sample.Value);
        }
    }

    public List<OutboxPointSummary> Summaries() =>
        _order.Select(key => _keys[key]).Zip(_order, (figures, key) => new OutboxPointSummary(key, figures.Count, figures.Min, figures.Max, figures.Sum / figures.Count)).ToList();

    private sealed class Figures
    {
        public int Count { get; private set; }

        public double Min { get; private set; } = double.PositiveInfinity;

        public double Max { get; private set; } = double.NegativeInfinity;

        public double Sum { get; private set; }

        public void Add(double value)
        {
            Count++;
            Min = Math.Min(Min, value);
            Max = Math.Max(Max, value);
            Sum += value;
        }
    }
}
