namespace SmartCampus.Edge.Gateway.WebConsole.History;

/// <summary>
/// Ring of the last <c>capacity</c> interval slots of one point, 2 bytes per slot: a code on the ring's decimal grid
/// (value = (origin + code) × step, step 1, 2 or 5 × 10^k), or <see cref="Empty"/> for a slot without a value. A slot's
/// time is implied by its position (ring base time plus slot number times the interval), so no time is stored per
/// value. The array is allocated at the first value and doubled only while the ring is not yet full, so a point with an
/// hour of history uses an hour's worth of memory, not six. A point that reports less often than once per interval
/// still uses 2 bytes per slot of elapsed time, empty slots included. Not thread-safe: <see cref="PointHistory"/> takes
/// its lock around every call, so a ring needs no lock object of its own.
/// </summary>
/// <remarks>
/// The step is the smallest one on which the kept values and the new one span at most 65,534 codes. It is also not
/// below 10^-12 of their magnitude. So a step chosen for a range is at most 2.5 × range ÷ 65,533. A value outside the codes
/// re-encodes the ring with the smallest such step not below the current one. A value read back differs from the value
/// added by at most half the step it was stored with, plus half of each larger step the ring moved to while the value
/// was kept. While the range only widens, that sum is at most one step. When the value that last changed the step
/// leaves the ring, the ring moves to a finer step if the kept values fit one whose grid contains the current grid,
/// which adds no error. Integers come back exact while the step is at most 1, a constant point always does, and a value
/// with d decimals does while the step is at most 10^-d.
/// </remarks>
internal sealed class PointRing(int capacity, TimeSpan interval)
{
    private const int InitialLength = 16;
    private const ushort Empty = ushort.MaxValue;
    private const ushort MaxCode = ushort.MaxValue - 1;

    /// <summary>Largest magnitude kept: a range of two such values still fits a double.</summary>
    private const double MaxMagnitude = 1e300;

    private readonly long _intervalMilliseconds = Math.Max(1, (long)interval.TotalMilliseconds);
    private ushort[] _slots = [];
    private long _baseMilliseconds;
    private long _firstSlot;
    private int _start;
    private int _count;
    private DecimalStep _step = new(1, DecimalStep.MinExponent);
    private long _originIndex;
    private int _valuesSinceStepChange;

    /// <summary>Current grid step. Values stored since the step last changed read back within half of it.</summary>
    public double Step => _step.Size;

    /// <summary>
    /// Keeps the value in the slot of its time. A value for the newest kept slot or the one before it is dropped. A time
    /// further back (a clock set back) or a whole capacity after the newest slot starts the ring over. NaN, infinities
    /// and magnitudes above 10^300 are skipped.
    /// </summary>
    public void Add(DateTimeOffset time, double value)
    {
        if (!double.IsFinite(value) || Math.Abs(value) > MaxMagnitude)
        {
            // A chart cannot draw these either.
            return;
        }

        var milliseconds = time.ToUnixTimeMilliseconds();
        var lastSlot = _firstSlot + _count - 1;
        var slot = _count == 0 || milliseconds < _baseMilliseconds ? long.MinValue : (milliseconds - _baseMilliseconds) / _intervalMilliseconds;
        if (_count > 0 && slot >= lastSlot - 1 && slot <= lastSlot)
        {
            return;
        }

        if (_count == 0 || slot < lastSlot - 1 || slot - lastSlot >= capacity)
        {
            (_baseMilliseconds, _firstSlot, _start, _count) = (milliseconds, 0, 0, 0);
            _step = DecimalStep.Spanning(value, value, MaxCode, new DecimalStep(1, DecimalStep.MinExponent));
            _originIndex = _step.ToIndex(value);
            _valuesSinceStepChange = 0;
            AppendValue(value);
            return;
        }

        for (var empty = lastSlot + 1; empty < slot; empty++)
        {
            Append(Empty);
        }

        AppendValue(value);
    }

    public IReadOnlyList<(DateTimeOffset Time, double Value)> Read()
    {
        var result = new List<(DateTimeOffset, double)>(_count);
        for (var index = 0; index < _count; index++)
        {
            var code = _slots[(_start + index) % _slots.Length];
            if (code != Empty)
            {
                var milliseconds = _baseMilliseconds + ((_firstSlot + index) * _intervalMilliseconds);
                result.Add((DateTimeOffset.FromUnixTimeMilliseconds(milliseconds), _step.ToValue(_originIndex + code)));
            }
        }

        return result;
    }

    private void AppendValue(double value)
    {
        MakeRoom();
        _valuesSinceStepChange++;
        if (_valuesSinceStepChange >= capacity)
        {
            TryRefine(value);
        }

        var code = _step.ToIndex(value) - _originIndex;
        if (code is < 0 or > MaxCode)
        {
            var (min, max) = KeptRange(value);
            Reencode(DecimalStep.Spanning(min, max, MaxCode, _step), min);
            code = _step.ToIndex(value) - _originIndex;
        }

        _slots[(_start + _count) % _slots.Length] = (ushort)code;
        _count++;
    }

    /// <summary>
    /// Moves to a finer step when the kept values and the new one fit a step whose grid contains the current grid, so
    /// the re-encoding is exact. Runs once per capacity of values since the step last changed, so by then the value
    /// that changed it has left the ring. Values stored while a wide value was kept stay on its coarser grid until they
    /// leave too.
    /// </summary>
    private void TryRefine(double value)
    {
        _valuesSinceStepChange = 0;
        var (min, max) = KeptRange(value);
        var finer = DecimalStep.Spanning(min, max, MaxCode, new DecimalStep(1, DecimalStep.MinExponent));
        if (finer.Size < _step.Size && _step.IsMultipleOf(finer))
        {
            Reencode(finer, min);
        }
    }

    /// <summary>Smallest and largest kept value, with <paramref name="extra"/> unless it is NaN.</summary>
    private (double Min, double Max) KeptRange(double extra)
    {
        var (min, max) = double.IsNaN(extra) ? (double.PositiveInfinity, double.NegativeInfinity) : (extra, extra);
        for (var index = 0; index < _count; index++)
        {
            var code = _slots[(_start + index) % _slots.Length];
            if (code != Empty)
            {
                var value = _step.ToValue(_originIndex + code);
                (min, max) = (Math.Min(min, value), Math.Max(max, value));
            }
        }

        return (min, max);
    }

    /// <summary>
    /// Rounds every kept value to the grid of <paramref name="step"/>, with code 0 at <paramref name="min"/>. With the same
    /// step it only moves the origin, and with a step whose grid contains the current one it is exact.
    /// </summary>
    private void Reencode(DecimalStep step, double min)
    {
        var originIndex = step.ToIndex(min);
        for (var index = 0; index < _count; index++)
        {
            var position = (_start + index) % _slots.Length;
            var code = _slots[position];
            if (code != Empty)
            {
                _slots[position] = (ushort)(step.ToIndex(_step.ToValue(_originIndex + code)) - originIndex);
            }
        }

        if (step != _step)
        {
            _valuesSinceStepChange = 0;
        }

        (_step, _originIndex) = (step, originIndex);
    }

    /// <summary>Writes the next slot.</summary>
    private void Append(ushort code)
    {
        MakeRoom();
        _slots[(_start + _count) % _slots.Length] = code;
        _count++;
    }

    /// <summary>Frees the next slot: grows the array while the ring is below its capacity, else drops the oldest slot.</summary>
    private void MakeRoom()
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
    }

    /// <summary>Doubles the array (up to the capacity), oldest slot first. Only called when the ring is full.</summary>
    private void Grow()
    {
        var grown = new ushort[Math.Min(Math.Max(_slots.Length * 2, InitialLength), capacity)];
        for (var index = 0; index < _count; index++)
        {
            grown[index] = _slots[(_start + index) % _slots.Length];
        }

        _slots = grown;
        _start = 0;
    }
}
