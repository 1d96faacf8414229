using SmartCampus.Edge.Contracts;

namespace SmartCampus.Edge.Rules.Outputs;

/// <summary>Sets a binary output; with <paramref name="Pulse"/>, the output's driver returns it after that time.</summary>
public sealed record SetOutputCommand(PointId Output, bool Value, TimeSpan? Pulse, string RuleId) : RuleOutput(RuleId);
