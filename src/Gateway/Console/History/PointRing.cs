namespace SmartCampus.Edge.Gateway.WebConsole.History;

/// <summary>
/// Ring of at most <c>capacity</c> values of one point, each stored as an 8-byte <see cref="HistoryEntry"/> with
/// its time in seconds after a per-ring base. The array is allocated at the first value and doubled only while the
/// ring is not yet full, so a point with an hour of history holds an hour's worth of memory, not six.
/// </summary>
internal sealed class PointRing(int capacity)
{
    private const int InitialLength = 16;

    private readonly Lock _gate = new();
    private HistoryEntry[] _entries = [];
    private long _baseSeconds;
    private int _next;
    private int _count;

    public void Add(long unixSeconds, float value, long minimumSpacingSeconds)
    {
        lock (_gate)
        {
            if (_count > 0)
            {
                var last = _baseSeconds + _entries[(_next - 1 + _entries.Length) % _entries.Length].OffsetSeconds;
                if (unixSeconds - last < minimumSpacingSeconds && unixSeconds >= last)
                {
                    return;
                }
            }
            else
            {
                _baseSeconds = unixSeconds;
            }

            var offset = unixSeconds - _baseSeconds;
            if (offset is < int.MinValue or > int.MaxValue)
            {
                // A clock set 68 years off: the kept values cannot share a base with this one, so start over.
                (_baseSeconds, _count, _next, offset) = (unixSeconds, 0, 0, 0);
            }

            if (_count == _entries.Length && _entries.Length < capacity)
            {
                Grow();
            }

            _entries[_next] = new HistoryEntry((int)offset, value);
            _next = (_next + 1) % _entries.Length;
            _count = Math.Min(_count + 1, _entries.Length);
        }
    }

    public IReadOnlyList<(DateTimeOffset Time, double Value)> Read()
    {
        lock (_gate)
        {
            var result = new (DateTimeOffset, double)[_count];
            var start = (_next - _count + _entries.Length) % Math.Max(_entries.Length, 1);
            for (var index = 0; index < _count; index++)
            {
                var entry = _entries[(start + index) % _entries.Length];
                result[index] = (DateTimeOffset.FromUnixTimeSeconds(_baseSeconds + entry.OffsetSeconds), entry.Value);
            }

            return result;
        }
    }

    /// <summary>Doubles the array (up to the capacity), oldest value first; only called when the ring is full.</summary>
    private void Grow()
    {
        var grown = new HistoryEntry[Math.Min(Math.Max(_entries.Length * 2, InitialLength), capacity)];
        for (var index = 0; index < _count; index++)
        {
            grown[index] = _entries[(_next + index) % _entries.Length];
        }

        _entries = grown;
        _next = _count;
    }
}
