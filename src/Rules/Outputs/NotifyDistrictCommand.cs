using SmartCampus.Edge.Rules.Alarms;

namespace SmartCampus.Edge.Rules.Outputs;

/// <summary>Sends <paramref name="Alarm"/> (raised or cleared) to the district at once, ahead of the outbox's batching.</summary>
public sealed record NotifyDistrictCommand(Alarm Alarm) : RuleOutput(Alarm.RuleId);
