using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.Pipeline;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Engine;
using SmartCampus.Edge.Rules.Outputs;
using SmartCampus.Edge.Rules.State;

namespace SmartCampus.Edge.Gateway.WebConsole.Alarms;

/// <summary>
/// The console's requests to the rule engine. They go through the field channel and run on the pipeline's reader,
/// so their outputs (alarm records, released outputs) are routed in order with the rules' own. Alarm changes go as a
/// <see cref="RuleRequest"/>, like the district's; read-only work (snapshot, interlock check) runs as plain engine work. The console is
/// served at the school, so its requests count as on site.
/// </summary>
internal sealed class EngineCommands(FieldChannel channel)
{
    /// <summary>Maximum wait for the pipeline. After it, the page reports that the gateway is busy.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public Task<RuleCommandResult> AcknowledgeAsync(string ruleId, string user, CancellationToken cancellationToken) =>
        SendAsync(RuleRequest.Acknowledge(ruleId, RequestOrigin.OnSite, user), cancellationToken);

    public Task<RuleCommandResult> ShelveAsync(string ruleId, TimeSpan duration, string user, CancellationToken cancellationToken) =>
        SendAsync(RuleRequest.Shelve(ruleId, duration, RequestOrigin.OnSite, user), cancellationToken);

    public Task<RuleCommandResult> UnshelveAsync(string ruleId, CancellationToken cancellationToken) =>
        SendAsync(RuleRequest.Unshelve(ruleId, RequestOrigin.OnSite, by: null), cancellationToken);

    public Task<RuleEngineSnapshot> SnapshotAsync(CancellationToken cancellationToken) =>
        RunAsync(engine => engine.TakeSnapshot(), _ => [], cancellationToken);

    /// <summary>
    /// Whether a console write of <paramref name="value"/> to <paramref name="target"/> may run: rejected when a
    /// life-safety rule holds the target at another value (with that rule's reason), or any other rule holds it.
    /// </summary>
    public Task<(InterlockDecision Decision, HeldOutput? Hold)> CheckAsync(PointId target, PointValue value, CancellationToken cancellationToken) =>
        RunAsync(
            engine => (engine.CheckCommand(target, value, RequestOrigin.OnSite), engine.HeldOutputs.FirstOrDefault(hold => hold.Output == target)),
            _ => [],
            cancellationToken);

    // Acknowledge, shelve and unshelve take the district's route: the result arrives once the alarm records of the
    // change are durable in the outbox, so the page never reports a change that a power cut could still lose.
    private async Task<RuleCommandResult> SendAsync(RuleRequest request, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        return await channel.SendRuleRequestAsync(request, timeout.Token);
    }

    private async Task<T> RunAsync<T>(Func<RuleEngine, T> work, Func<T, IReadOnlyList<RuleOutput>> outputsOf, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        return await channel.RequestAsync(work, outputsOf, timeout.Token);
    }
}
