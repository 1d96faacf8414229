using SmartCampus.Edge.Contracts;

namespace SmartCampus.Edge.Rules.Actions;

/// <summary>
/// Writes a value to any writable point, such as a Modbus holding register (a fan speed, a valve position). With
/// <see cref="ClearValue"/>, that value is written when the alarm clears; without it nothing is written on clear.
/// Unlike <see cref="SetOutputAction"/>, the write takes no hold, so other rules and remote commands may change it.
/// </summary>
public sealed record WritePointAction : RuleAction
{
    /// <exception cref="ArgumentException">The point is empty, or a value has no kind.</exception>
    public WritePointAction(PointId point, PointValue value, PointValue? clearValue = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(point.Device, nameof(point));
        ArgumentException.ThrowIfNullOrWhiteSpace(point.Point, nameof(point));
        if (value.Kind == PointValueKind.None || clearValue is { Kind: PointValueKind.None })
        {
            throw new ArgumentException($"The write to '{point}' needs a value.", nameof(value));
        }

        Point = point;
        Value = value;
        ClearValue = clearValue;
    }

    public PointId Point { get; }

    public PointValue Value { get; }

    public PointValue? ClearValue { get; }
}
