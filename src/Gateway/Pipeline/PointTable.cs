using System.Collections.Concurrent;
using SmartCampus.Edge.Contracts;

namespace SmartCampus.Edge.Gateway.Pipeline;

/// <summary>
/// Latest sample of every point. The pipeline writes it, and the console and the CLI read it. Points are never
/// removed, so the sorted order of the points changes only when a new point reports. <see cref="Snapshot"/> keeps
/// that order and sorts again only then: the devices stream takes a snapshot every second, and sorting 10,000 points
/// by their text each time was a visible share of the gateway's CPU (docs/benchmarks/gateway.md).
/// </summary>
public sealed class PointTable
{
    private readonly ConcurrentDictionary<PointId, Slot> _slots = new();
    private readonly Lock _orderLock = new();

    // Raised after a new slot is in the dictionary, so an order built after reading it includes every slot counted.
    private int _added;
    private (Slot[] Slots, int Added) _order = ([], 0);

    public int Count => _slots.Count;

    public void Update(Sample sample)
    {
        if (_slots.TryGetValue(sample.Point, out var slot))
        {
            slot.Store(sample);
            return;
        }

        var added = new Slot(sample);
        slot = _slots.GetOrAdd(sample.Point, added);
        if (ReferenceEquals(slot, added))
        {
            Interlocked.Increment(ref _added);
        }
        else
        {
            slot.Store(sample);
        }
    }

    public bool TryGet(PointId point, out Sample? sample)
    {
        var found = _slots.TryGetValue(point, out var slot);
        sample = slot?.Latest;
        return found;
    }

    /// <summary>The latest sample of every point, ordered by the point's text (<c>device.point</c>), ordinal.</summary>
    public IReadOnlyList<Sample> Snapshot()
    {
        var order = Order();
        var samples = new Sample[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            samples[i] = order[i].Latest;
        }

        return samples;
    }

    /// <summary>
    /// Writes into <paramref name="byDevice"/> the gateway time of each device's latest good sample. A device that
    /// went offline keeps the time of the data it sent before, because its points now hold bad samples.
    /// </summary>
    public void CollectLastGood(Dictionary<string, DateTimeOffset> byDevice)
    {
        byDevice.Clear();
        foreach (var slot in Order())
        {
            if (slot.LastGood is not { } good)
            {
                continue;
            }

            var device = good.Point.Device;
            if (!byDevice.TryGetValue(device, out var seen) || good.GatewayTime > seen)
            {
                byDevice[device] = good.GatewayTime;
            }
        }
    }

    private Slot[] Order()
    {
        var added = Volatile.Read(ref _added);
        lock (_orderLock)
        {
            if (_order.Added == added)
            {
                return _order.Slots;
            }

            var slots = _slots.Values.ToArray();
            Array.Sort(slots, static (left, right) => PointOrder.Compare(left.Latest.Point, right.Latest.Point));
            _order = (slots, added);
            return slots;
        }
    }

    /// <summary>The latest sample of one point. Every sample it stores is of that point, so it keeps no id of its own.</summary>
    private sealed class Slot
    {
        private Sample _latest;
        private Sample? _lastGood;

        public Slot(Sample first)
        {
            _latest = first;
            _lastGood = first.Quality == Quality.Good ? first : null;
        }

        public Sample Latest => Volatile.Read(ref _latest);

        /// <summary>The latest sample of good quality; null before the point had one.</summary>
        public Sample? LastGood => Volatile.Read(ref _lastGood);

        public void Store(Sample sample)
        {
            if (sample.Quality == Quality.Good)
            {
                Volatile.Write(ref _lastGood, sample);
            }

            Volatile.Write(ref _latest, sample);
        }
    }
}
