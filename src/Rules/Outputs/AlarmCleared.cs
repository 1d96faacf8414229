using SmartCampus.Edge.Rules.Alarms;

namespace SmartCampus.Edge.Rules.Outputs;

/// <summary>A rule cleared its alarm; <paramref name="Alarm"/> is the final record with the clear fields set.</summary>
public sealed record AlarmCleared(Alarm Alarm) : RuleOutput(Alarm.RuleId);
