using SmartCampus.Edge.Gateway.Pipeline;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Engine;

namespace SmartCampus.Edge.Gateway.Downlink;

/// <summary>
/// Runs district alarm commands as <see cref="RuleRequest"/>s on the pipeline, the rule engine's single reader, so a
/// district acknowledgement takes the same durable route as one from the console: the answer comes back only after
/// the alarm record of the change is in the outbox.
/// </summary>
internal sealed class PipelineAlarmCommands(FieldChannel channel) : IDistrictAlarmCommands
{
    public Task<RuleCommandResult> AcknowledgeAsync(string ruleId, string by, CancellationToken cancellationToken) =>
        channel.SendRuleRequestAsync(RuleRequest.Acknowledge(ruleId, RequestOrigin.District, by), cancellationToken);
}
