namespace SmartCampus.Edge.Gateway.WebConsole.History;

/// <summary>
/// Ring of the last <c>capacity</c> interval slots of one point, 4 bytes per slot: the value as a float, NaN for a
/// slot without one. A slot's time is implied by its position (ring base time plus slot number times the interval),
/// so no time is stored per value. The array is allocated at the first value and doubled only while the ring is not
/// yet full, so a point with an hour of history uses an hour's worth of memory, not six. A point that reports less
/// often than once per interval still uses 4 bytes per slot of elapsed time, empty slots included.
/// </summary>
internal sealed class PointRing(int capacity, TimeSpan interval)
{
    private const int InitialLength = 16;

    private readonly Lock _gate = new();
    private readonly long _intervalMilliseconds = Math.Max(1, (long)interval.TotalMilliseconds);
    private float[] _slots = [];
    private long _baseMilliseconds;
    private long _firstSlot;
    private int _start;
    private int _count;

    /// <summary>
    /// Keeps the value in the slot of its time. A value for the newest kept slot or the one before it is dropped. A time
    /// further back (a clock set back) or a whole capacity after the newest slot starts the ring over.
    /// </summary>
    public void Add(DateTimeOffset time, float value)
    {
        if (float.IsNaN(value))
        {
            // NaN marks an empty slot, and a chart cannot draw it either.
            return;
        }

        var milliseconds = time.ToUnixTimeMilliseconds();
        lock (_gate)
        {
            var lastSlot = _firstSlot + _count - 1;
            var slot = _count == 0 || milliseconds < _baseMilliseconds ? long.MinValue : (milliseconds - _baseMilliseconds) / _intervalMilliseconds;
            if (_count > 0 && slot >= lastSlot - 1 && slot <= lastSlot)
            {
                return;
            }

            if (_count == 0 || slot < lastSlot - 1 || slot - lastSlot >= capacity)
            {
                (_baseMilliseconds, _firstSlot, _start, _count) = (milliseconds, 0, 0, 0);
                Append(value);
                return;
            }

            for (var empty = lastSlot + 1; empty < slot; empty++)
            {
                Append(float.NaN);
            }

            Append(value);
        }
    }

    public IReadOnlyList<(DateTimeOffset Time, double Value)> Read()
    {
        lock (_gate)
        {
            var result = new List<(DateTimeOffset, double)>(_count);
            for (var index = 0; index < _count; index++)
            {
                var value = _slots[(_start + index) % _slots.Length];
                if (!float.IsNaN(value))
                {
                    var milliseconds = _baseMilliseconds + ((_firstSlot + index) * _intervalMilliseconds);
                    result.Add((DateTimeOffset.FromUnixTimeMilliseconds(milliseconds), value));
                }
            }

            return result;
        }
    }

    /// <summary>Writes the next slot, dropping the oldest one when the ring is at its capacity.</summary>
    private void Append(float value)
    {
        if (_count == _slots.Length && _slots.Length < capacity)
        {
            Grow();
        }

        if (_count == _slots.Length)
        {
            _start = (_start + 1) % _slots.Length;
            _firstSlot++;
            _count--;
        }

        _slots[(_start + _count) % _slots.Length] = value;
        _count++;
    }

    /// <summary>Doubles the array (up to the capacity), oldest slot first. Only called when the ring is full.</summary>
    private void Grow()
    {
        var grown = new float[Math.Min(Math.Max(_slots.Length * 2, InitialLength), capacity)];
        for (var index = 0; index < _count; index++)
        {
            grown[index] = _slots[(_start + index) % _slots.Length];
        }

        _slots = grown;
        _start = 0;
    }
}
