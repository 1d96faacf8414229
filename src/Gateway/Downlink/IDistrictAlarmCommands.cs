using SmartCampus.Edge.Rules.Engine;

namespace SmartCampus.Edge.Gateway.Downlink;

/// <summary>
/// Carries an alarm acknowledgement from the district into the pipeline, which runs it on the rule engine with
/// <see cref="Rules.Alarms.RequestOrigin.District"/>, routes the outputs and records the alarm change in the outbox.
/// </summary>
/// <remarks>The host registers <see cref="PipelineAlarmCommands"/>; without an implementation <c>alarm.ack</c> is rejected with a reason.</remarks>
public interface IDistrictAlarmCommands
{
    /// <summary>Acknowledges the active alarm of <paramref name="ruleId"/>; <paramref name="by"/> is the district user for the audit.</summary>
    Task<RuleCommandResult> AcknowledgeAsync(string ruleId, string by, CancellationToken cancellationToken);
}
