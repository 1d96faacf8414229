using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Outputs;

namespace SmartCampus.Edge.Rules.Engine;

/// <summary>
/// Outcome of an acknowledgement or a shelving request: whether the engine accepted it, the operator text of the
/// reason when it did not (or when it accepted only part, such as a remote acknowledgement of a latched alarm), and
/// the outputs to route as after <see cref="RuleEngine.Evaluate"/>.
/// </summary>
public sealed record RuleCommandResult(bool Accepted, AlarmMessage? Reason, IReadOnlyList<RuleOutput> Outputs)
{
    internal static RuleCommandResult Rejected(string key, params object[] arguments) =>
        new(false, new AlarmMessage(key, arguments), []);
}
