using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Modbus.Points;

namespace SmartCampus.Edge.Drivers.Modbus.Polling;

/// <summary>
/// Report-on-change for points that ask for it: a good value goes out when it moved by more than the point's deadband
/// since the last one published, when quality changed, or when the point's maximum silence passed. Other points pass
/// every sample.
/// </summary>
internal sealed class ModbusChangeFilter
{
    private readonly TimeProvider _timeProvider;
    private readonly Dictionary<string, (PointValue Value, Quality Quality, long Timestamp)> _last = new(StringComparer.Ordinal);

    public ModbusChangeFilter(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
    }

    public bool ShouldPublish(ModbusPointOptions point, Sample sample)
    {
        if (!point.ReportOnChange)
        {
            return true;
        }

        var now = _timeProvider.GetTimestamp();
        if (_last.TryGetValue(point.Name, out var last)
            && last.Quality == sample.Quality
            && _timeProvider.GetElapsedTime(last.Timestamp, now) < point.MaxSilence
            && !Moved(last.Value, sample.Value, point.Deadband))
        {
            return false;
        }

        _last[point.Name] = (sample.Value, sample.Quality, now);
        return true;
    }

    private static bool Moved(PointValue before, PointValue now, double deadband)
    {
        if (before.Kind != now.Kind)
        {
            return true;
        }

        return now.Kind switch
        {
            PointValueKind.Boolean => before.Boolean != now.Boolean,
            PointValueKind.Text => !string.Equals(before.Text, now.Text, StringComparison.Ordinal),
            PointValueKind.Number => deadband == 0 ? before.Number != now.Number : Math.Abs(now.Number - before.Number) > deadband,
            _ => false,
        };
    }
}
