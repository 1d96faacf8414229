namespace SmartCampus.Edge.Gateway.WebConsole.History;

/// <summary>Fixed-size ring of (Unix seconds, value) for one point; allocated in full on first use.</summary>
internal sealed class PointRing(int capacity)
{
    private readonly Lock _gate = new();
    private readonly long[] _seconds = new long[capacity];
    private readonly float[] _values = new float[capacity];
    private int _next;
    private int _count;

    public void Add(long unixSeconds, float value, long minimumSpacingSeconds)
    {
        lock (_gate)
        {
            if (_count > 0)
            {
                var last = _seconds[(_next - 1 + capacity) % capacity];
                if (unixSeconds - last < minimumSpacingSeconds && unixSeconds >= last)
                {
                    return;
                }
            }

            _seconds[_next] = unixSeconds;
            _values[_next] = value;
            _next = (_next + 1) % capacity;
            _count = Math.Min(_count + 1, capacity);
        }
    }

    public IReadOnlyList<(DateTimeOffset Time, double Value)> Read()
    {
        lock (_gate)
        {
            var result = new (DateTimeOffset, double)[_count];
            var start = (_next - _count + capacity) % capacity;
            for (var index = 0; index < _count; index++)
            {
                var slot = (start + index) % capacity;
                result[index] = (DateTimeOffset.FromUnixTimeSeconds(_seconds[slot]), _values[slot]);
            }

            return result;
        }
    }
}
