using SmartCampus.Edge.Contracts;

namespace SmartCampus.Edge.Rules.Outputs;

/// <summary>Writes <paramref name="Value"/> to <paramref name="Point"/> through the point's driver (Modbus, GPIO, MQTT).</summary>
public sealed record WritePointCommand(PointId Point, PointValue Value, string RuleId) : RuleOutput(RuleId);
