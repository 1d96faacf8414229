using SmartCampus.Edge.Rules.Alarms;

namespace SmartCampus.Edge.Rules.Outputs;

/// <summary>A rule raised <paramref name="Alarm"/>; it stays active until an <see cref="AlarmCleared"/> with the same id.</summary>
public sealed record AlarmRaised(Alarm Alarm) : RuleOutput(Alarm.RuleId);
