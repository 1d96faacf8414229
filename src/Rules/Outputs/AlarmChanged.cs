using SmartCampus.Edge.Rules.Alarms;

namespace SmartCampus.Edge.Rules.Outputs;

/// <summary>
/// An active alarm changed without being raised or cleared; <paramref name="Alarm"/> is the record after the change.
/// The host appends it to the outbox alarm lane like <see cref="AlarmRaised"/> and <see cref="AlarmCleared"/>.
/// </summary>
public sealed record AlarmChanged(Alarm Alarm, AlarmChange Change) : RuleOutput(Alarm.RuleId);
