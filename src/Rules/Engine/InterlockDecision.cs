using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Alarms;

namespace SmartCampus.Edge.Rules.Engine;

/// <summary>
/// Whether the host may run a command from the district or a console on <paramref name="Target"/>. A rejection names
/// the life-safety rule and alarm that own the output, and <paramref name="Reason"/> is the operator text for the
/// audit log (<see cref="AlarmMessage.Format"/> in en or zh-CN).
/// </summary>
/// <param name="Allowed">True when no active life-safety rule holds the target at another value.</param>
/// <param name="Target">The output the command would write.</param>
/// <param name="HoldingRuleId">The rule that owns the target; null when allowed.</param>
/// <param name="AlarmId">The active alarm of that rule; null when allowed.</param>
/// <param name="Reason">Operator text of the rejection; null when allowed.</param>
public sealed record InterlockDecision(bool Allowed, PointId Target, string? HoldingRuleId, string? AlarmId, AlarmMessage? Reason)
{
    public static InterlockDecision Allow(PointId target) => new(true, target, null, null, null);
}
