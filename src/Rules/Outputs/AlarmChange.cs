namespace SmartCampus.Edge.Rules.Outputs;

/// <summary>What changed in an active alarm, as <see cref="AlarmChanged"/> reports it.</summary>
public enum AlarmChange
{
    /// <summary>Someone acknowledged the alarm.</summary>
    Acknowledged,

    /// <summary>The condition of a latched alarm cleared; the alarm stays active until an on-site acknowledgement.</summary>
    ConditionCleared,

    /// <summary>The condition of a latched alarm that was waiting for a reset came back.</summary>
    ConditionReturned,

    /// <summary>The rule instance was shelved; <see cref="Alarms.Alarm.ShelvedUntil"/> is set.</summary>
    Shelved,

    /// <summary>The shelving ended, by its expiry or by an explicit unshelve.</summary>
    Unshelved,

    /// <summary>A rule instance started or stopped raising a named alarm; <see cref="Alarms.Alarm.RaisedBy"/> lists those left.</summary>
    RaisedByChanged,
}
