using SmartCampus.Edge.Contracts;

namespace SmartCampus.Edge.Rules.Alarms;

/// <summary>
/// One alarm raised by one rule, from raise to clear. Immutable: clearing yields a copy with the clear fields set.
/// Wall-clock times come from <see cref="TimeProvider.GetUtcNow"/> and may jump when the clock is corrected;
/// the monotonic times are <see cref="TimeProvider.GetElapsedTime(long, long)"/> from timestamp 0, the same scale
/// as <see cref="GatewayClock.Elapsed"/>, and are comparable only within one boot.
/// </summary>
/// <param name="AlarmId">Unique id of this raise; the district deduplicates on it.</param>
/// <param name="RuleId">Id of the rule that raised the alarm.</param>
/// <param name="Point">Point the rule reads.</param>
/// <param name="Severity">Alarm level from the rule.</param>
/// <param name="RaisedAt">Gateway wall-clock time of the raise.</param>
/// <param name="RaisedMonotonic">Monotonic time of the raise.</param>
/// <param name="ValueAtRaise">The point's value that raised the alarm.</param>
/// <param name="Message">Operator text of the raise.</param>
/// <param name="ClearedAt">Gateway wall-clock time of the clear; null while the alarm is active.</param>
/// <param name="ClearedMonotonic">Monotonic time of the clear; null while the alarm is active.</param>
/// <param name="ValueAtClear">The point's value that cleared the alarm; null while the alarm is active.</param>
/// <param name="ClearMessage">Operator text of the clear; null while the alarm is active.</param>
/// <param name="Latched">Whether the alarm stays active after its condition clears, until an on-site acknowledgement.</param>
/// <param name="AcknowledgedAt">Gateway wall-clock time of the last acknowledgement; null until someone acknowledges.</param>
/// <param name="AcknowledgedBy">Who acknowledged (user name or console id, as the host passes it); null when not given.</param>
/// <param name="AcknowledgedOnSite">Whether the last acknowledgement came from someone on site.</param>
/// <param name="ConditionClearedAt">Wall-clock time the condition of a latched alarm cleared; null while the condition holds.</param>
/// <param name="ShelvedUntil">Wall-clock end of the rule instance's shelving; null when not shelved. The expiry itself runs on the monotonic clock.</param>
/// <param name="RaisedBy">For a named alarm (<c>raiseAlarm</c>), the rule instances whose active alarms raise it, in raise order; null for a rule's own alarm.</param>
public sealed record Alarm(
    string AlarmId,
    string RuleId,
    PointId Point,
    AlarmSeverity Severity,
    DateTimeOffset RaisedAt,
    TimeSpan RaisedMonotonic,
    PointValue ValueAtRaise,
    AlarmMessage Message,
    DateTimeOffset? ClearedAt = null,
    TimeSpan? ClearedMonotonic = null,
    PointValue? ValueAtClear = null,
    AlarmMessage? ClearMessage = null,
    bool Latched = false,
    DateTimeOffset? AcknowledgedAt = null,
    string? AcknowledgedBy = null,
    bool AcknowledgedOnSite = false,
    DateTimeOffset? ConditionClearedAt = null,
    DateTimeOffset? ShelvedUntil = null,
    IReadOnlyList<string>? RaisedBy = null)
{
    public bool IsActive => ClearedAt is null;

    /// <summary>Where the alarm is in its lifecycle.</summary>
    public AlarmState State => this switch
    {
        { ClearedAt: not null } => AlarmState.Cleared,
        { ConditionClearedAt: not null } => AlarmState.AwaitingReset,
        { AcknowledgedAt: not null } => AlarmState.Acknowledged,
        _ => AlarmState.Raised,
    };

    /// <summary>Time the alarm was active, measured on the monotonic clock; null while it is active.</summary>
    public TimeSpan? ActiveDuration => ClearedMonotonic - RaisedMonotonic;
}
