namespace SmartCampus.Edge.Rules.Alarms;

/// <summary>Lifecycle stage of an alarm: raised, then optionally acknowledged, then cleared.</summary>
public enum AlarmState
{
    /// <summary>Active and not yet acknowledged.</summary>
    Raised,

    /// <summary>Active and acknowledged; the condition still holds.</summary>
    Acknowledged,

    /// <summary>Latched: the condition has cleared, and the alarm waits for an on-site acknowledgement.</summary>
    AwaitingReset,

    /// <summary>Over; no further change follows.</summary>
    Cleared,
}
