using SmartCampus.Edge.Contracts;

namespace SmartCampus.Edge.Rules.Actions;

/// <summary>
/// Drives a binary output (relay, siren, GPIO line). Without <see cref="Pulse"/> the output holds
/// <see cref="Value"/> while the alarm is active and returns to the opposite value when it clears. With a pulse the
/// output's driver returns it after the pulse and nothing is reverted on clear.
/// </summary>
public sealed record SetOutputAction : RuleAction
{
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pulse"/> is zero or negative.</exception>
    public SetOutputAction(PointId output, bool value, TimeSpan? pulse = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(output.Device, nameof(output));
        ArgumentException.ThrowIfNullOrWhiteSpace(output.Point, nameof(output));
        if (pulse is { } length && length <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(pulse), pulse, $"The pulse on output '{output}' must be longer than zero.");
        }

        Output = output;
        Value = value;
        Pulse = pulse;
    }

    public PointId Output { get; }

    public bool Value { get; }

    /// <summary>
    /// Value the output must take if the engine stops while the rule holds it (<c>safeValue</c>). Null takes the
    /// default: the held value for a life-safety rule (a stopped engine must not re-lock an escape gate), otherwise
    /// the value the output returns to on clear.
    /// </summary>
    public bool? SafeValue { get; init; }

    /// <summary>Time the output holds <see cref="Value"/> before its driver returns it; null to hold it.</summary>
    public TimeSpan? Pulse { get; }
}
