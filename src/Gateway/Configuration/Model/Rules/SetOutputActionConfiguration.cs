using SmartCampus.Edge.Contracts;

namespace SmartCampus.Edge.Gateway.Configuration.Model.Rules;

/// <summary>Drives a GPIO output, a Modbus coil or a holding register (key setOutput).</summary>
public sealed record SetOutputActionConfiguration : RuleActionConfiguration
{
    /// <summary>An existing GPIO point with direction output, or a Modbus coil or holding register.</summary>
    public required PointId Point { get; init; }

    /// <summary>A boolean; for a whole holding register also a number that fits the register's type.</summary>
    public required PointValue Value { get; init; }

    /// <summary>When set, the output returns after this time. Null keeps the value until the rule changes it.</summary>
    public TimeSpan? Pulse { get; init; }

    /// <summary>
    /// Value if the rule engine stops while the rule holds the output (<c>safeValue</c>); null for the default. With a
    /// numeric <see cref="Value"/> it is required, and the register also returns to it when the alarm clears.
    /// </summary>
    public PointValue? SafeValue { get; init; }
}
