using SmartCampus.Edge.Contracts;

namespace SmartCampus.Edge.Gateway.Configuration.Model.Rules;

/// <summary>Drives a GPIO output point (key setOutput).</summary>
public sealed record SetOutputActionConfiguration : RuleActionConfiguration
{
    /// <summary>An existing GPIO point with direction output.</summary>
    public required PointId Point { get; init; }

    public required bool Value { get; init; }

    /// <summary>When set, the opposite value is driven after this time. Null keeps the value until the rule changes it.</summary>
    public TimeSpan? Pulse { get; init; }

    /// <summary>Value if the rule engine stops while the rule holds the output (<c>safeValue</c>); null for the default.</summary>
    public bool? SafeValue { get; init; }
}
