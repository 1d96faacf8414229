using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Actions;
using SmartCampus.Edge.Rules.Alarms;

namespace SmartCampus.Edge.Rules.Definitions;

/// <summary>
/// Raises a fault alarm when a device's driver reports it offline and it stays offline for <see cref="For"/>; the
/// condition clears when the driver reports it online again. The rule's <see cref="RuleDefinition.Point"/> is
/// <c>device.offline</c>, the event that starts it.
/// </summary>
public sealed record OfflineRuleDefinition : RuleDefinition
{
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="forDuration"/> is negative.</exception>
    public OfflineRuleDefinition(string id, string device, TimeSpan forDuration, AlarmSeverity severity, IEnumerable<RuleAction>? actions = null)
        : base(id, new PointId(device, DeviceEventTypes.Offline), severity, actions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(forDuration, TimeSpan.Zero);
        For = forDuration;
    }

    /// <summary>Device id the rule watches.</summary>
    public string Device => Point.Device;

    /// <summary>Time the device must stay offline, on the monotonic clock, before the alarm is raised (<c>for</c>).</summary>
    public TimeSpan For { get; }

    /// <summary>None: the rule reads device events, not a point.</summary>
    public override IReadOnlyList<PointId> ReadPoints => [];
}
