using SmartCampus.Edge.Rules.Actions;

namespace SmartCampus.Edge.Rules.Outputs;

/// <summary>Puts the gate controller <paramref name="Gate"/> into <paramref name="Mode"/>.</summary>
public sealed record GateModeCommand(string Gate, GateMode Mode, string RuleId) : RuleOutput(RuleId);
