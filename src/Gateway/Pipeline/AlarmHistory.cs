using SmartCampus.Edge.Rules.Alarms;

namespace SmartCampus.Edge.Gateway.Pipeline;

/// <summary>
/// The latest state of the most recent alarms, newest first, for the console's alarm history. Written only by the
/// pipeline; bounded, because the full history lives with the district.
/// </summary>
public sealed class AlarmHistory
{
    /// <summary>Alarms kept; older ones fall off.</summary>
    public const int Capacity = 200;

    private readonly Lock _gate = new();
    private readonly LinkedList<Alarm> _alarms = new();

    public void Record(Alarm alarm)
    {
        ArgumentNullException.ThrowIfNull(alarm);

        lock (_gate)
        {
            for (var node = _alarms.First; node is not null; node = node.Next)
            {
                if (node.Value.AlarmId == alarm.AlarmId)
                {
                    _alarms.Remove(node);
                    break;
                }
            }

            _alarms.AddFirst(alarm);
            if (_alarms.Count > Capacity)
            {
                _alarms.RemoveLast();
            }
        }
    }

    public IReadOnlyList<Alarm> Snapshot()
    {
        lock (_gate)
        {
            return [.. _alarms];
        }
    }
}
