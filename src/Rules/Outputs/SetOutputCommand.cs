using SmartCampus.Edge.Contracts;

namespace SmartCampus.Edge.Rules.Outputs;

/// <summary>
/// Sets an output to <paramref name="Value"/>, a boolean or a number for a holding register. With
/// <paramref name="Pulse"/>, the host drives it to <see cref="PulseEndValue"/> after that time.
/// </summary>
public sealed record SetOutputCommand(PointId Output, PointValue Value, TimeSpan? Pulse, string RuleId) : RuleOutput(RuleId)
{
    /// <summary>Sets a binary output; a pulse ends at the opposite value.</summary>
    public SetOutputCommand(PointId output, bool value, TimeSpan? pulse, string ruleId)
        : this(output, PointValue.FromBoolean(value), pulse, ruleId)
    {
        PulseEndValue = pulse is null ? null : PointValue.FromBoolean(!value);
    }

    /// <summary>Value the output takes when the pulse ends; null without a pulse.</summary>
    public PointValue? PulseEndValue { get; init; }
}
