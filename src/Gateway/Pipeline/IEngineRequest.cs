using SmartCampus.Edge.Rules.Engine;
using SmartCampus.Edge.Rules.Outputs;

namespace SmartCampus.Edge.Gateway.Pipeline;

/// <summary>
/// Work on the rule engine asked for by the console (acknowledge, shelve, a state snapshot, an interlock check). It
/// runs on the pipeline's reader between two samples, so its outputs are routed in order with the rules' own.
/// </summary>
internal interface IEngineRequest
{
    /// <summary>Runs the work and returns the engine's outputs for the pipeline to route. A fault goes to the caller's task, not to the pipeline.</summary>
    IReadOnlyList<RuleOutput> Run(RuleEngine engine);
}
