using SmartCampus.Edge.Contracts;

namespace SmartCampus.Edge.Rules.Engine;

/// <summary>
/// An output that an active rule keeps at <paramref name="Value"/>. If the engine stops, the host drives the output
/// to <paramref name="SafeValue"/>.
/// </summary>
/// <param name="Output">The output point.</param>
/// <param name="Value">Value the rule keeps the output at: a boolean, or a number for a holding register.</param>
/// <param name="SafeValue">Value for the output when the engine stops.</param>
/// <param name="ReleaseValue">Value the output returns to when this hold is released and no other rule holds it.</param>
/// <param name="RuleId">Rule instance holding the output.</param>
/// <param name="LifeSafety">Whether the holding rule is a life-safety rule.</param>
/// <param name="Priority">Priority of the holding rule.</param>
public sealed record HeldOutput(PointId Output, PointValue Value, PointValue SafeValue, PointValue ReleaseValue, string RuleId, bool LifeSafety, int Priority)
{
    /// <summary>Whether this hold wins over <paramref name="other"/>: life safety first, then the higher priority.</summary>
    public bool Outranks(HeldOutput other)
    {
        ArgumentNullException.ThrowIfNull(other);

        if (LifeSafety != other.LifeSafety)
        {
            return LifeSafety;
        }

        return Priority > other.Priority;
    }
}
