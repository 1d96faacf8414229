using SmartCampus.Edge.Rules.Alarms;

namespace SmartCampus.Edge.Rules.Testing;

/// <summary>An acknowledgement line of a sample series that the engine rejected, with the reason for the technician.</summary>
/// <param name="RuleId">The rule or named alarm the line acknowledges.</param>
/// <param name="Reason">Why nothing changed: the alarm already cleared, no alarm is active, or no such rule.</param>
public sealed record AcknowledgeNotApplied(string RuleId, AlarmMessage Reason);
