using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Actions;
using SmartCampus.Edge.Rules.Alarms;

namespace SmartCampus.Edge.Rules.Definitions;

/// <summary>
/// Raises an alarm when a device reports an event at least <see cref="Count"/> times within <see cref="Window"/>
/// (a card denied 5 times in 2 minutes; a door forced once). The window slides on the monotonic clock. The condition
/// clears once fewer than <see cref="Count"/> events remain inside the window. The rule's
/// <see cref="RuleDefinition.Point"/> is <c>device.eventType</c>, so events and samples share one index.
/// </summary>
public sealed record EventCountRuleDefinition : RuleDefinition
{
    /// <exception cref="ArgumentOutOfRangeException">The count is below 1, or the window is zero or negative.</exception>
    public EventCountRuleDefinition(
        string id,
        string device,
        string eventType,
        int count,
        TimeSpan window,
        AlarmSeverity severity,
        IEnumerable<RuleAction>? actions = null)
        : base(id, new PointId(device, eventType), severity, actions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (window <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, $"Rule '{id}' needs a window longer than zero.");
        }

        Count = count;
        Window = window;
    }

    /// <summary>Events within the window that raise the alarm (<c>count</c>).</summary>
    public int Count { get; }

    /// <summary>Length of the sliding window (<c>within</c>).</summary>
    public TimeSpan Window { get; }
}
