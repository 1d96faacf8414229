using SmartCampus.Edge.Contracts;

namespace SmartCampus.Edge.Rules.Actions;

/// <summary>
/// Drives an output (relay, siren, GPIO line, Modbus coil or holding register). Without <see cref="Pulse"/> the
/// output holds <see cref="Value"/> while the alarm is active and returns to <see cref="ReleaseValue"/> when it clears.
/// With a pulse the output returns to <see cref="ReleaseValue"/> after the pulse and nothing is reverted on clear.
/// </summary>
public sealed record SetOutputAction : RuleAction
{
    /// <summary>Drives a binary output to <paramref name="value"/> and back to the opposite value.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pulse"/> is zero or negative.</exception>
    public SetOutputAction(PointId output, bool value, TimeSpan? pulse = null)
        : this(output, PointValue.FromBoolean(value), PointValue.FromBoolean(!value), pulse)
    {
    }

    /// <summary>
    /// Drives an output to <paramref name="value"/> and back to <paramref name="releaseValue"/>, for example a holding
    /// register that sets a fan speed in percent.
    /// </summary>
    /// <exception cref="ArgumentException">A value is neither a number nor a boolean, or is not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pulse"/> is zero or negative.</exception>
    public SetOutputAction(PointId output, PointValue value, PointValue releaseValue, TimeSpan? pulse = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(output.Device, nameof(output));
        ArgumentException.ThrowIfNullOrWhiteSpace(output.Point, nameof(output));
        if (!IsOutputValue(value) || !IsOutputValue(releaseValue))
        {
            throw new ArgumentException($"The values for output '{output}' must be finite numbers or booleans; got {value} and {releaseValue}.", nameof(value));
        }

        if (pulse is { } length && length <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(pulse), pulse, $"The pulse on output '{output}' must be longer than zero.");
        }

        Output = output;
        Value = value;
        ReleaseValue = releaseValue;
        Pulse = pulse;
    }

    public PointId Output { get; }

    /// <summary>Value the output holds while the alarm is active: a boolean, or a number for a holding register.</summary>
    public PointValue Value { get; }

    /// <summary>Value the output returns to when the alarm clears or the pulse ends.</summary>
    public PointValue ReleaseValue { get; }

    /// <summary>
    /// Value the output must take if the engine stops while the rule holds it (<c>safeValue</c>). Null takes the
    /// default: the held value for a life-safety rule (a stopped engine must not re-lock an escape gate), otherwise
    /// <see cref="ReleaseValue"/>.
    /// </summary>
    public PointValue? SafeValue { get; init; }

    /// <summary>Time the output holds <see cref="Value"/> before it returns to <see cref="ReleaseValue"/>; null to hold it.</summary>
    public TimeSpan? Pulse { get; }

    /// <summary>Whether two output values drive a point alike: booleans count as 0 and 1, so <c>true</c> equals the number 1.</summary>
    public static bool SameValue(PointValue left, PointValue right) =>
        left.TryGetNumber(out var leftNumber) && right.TryGetNumber(out var rightNumber)
            ? leftNumber.Equals(rightNumber)
            : left.Equals(right);

    private static bool IsOutputValue(PointValue value) =>
        value.Kind is PointValueKind.Boolean || (value.Kind is PointValueKind.Number && double.IsFinite(value.Number));
}
