using SmartCampus.Edge.Contracts;

namespace SmartCampus.Edge.Gateway.Configuration.Model.Simulators;

/// <summary>Trips a simulated GPIO input once, <see cref="After"/> the start, for <see cref="Hold"/> (kind smoke-trip).</summary>
public sealed record SmokeTripSimulatorConfiguration : SimulatorConfiguration
{
    /// <summary>An input point of a gpio device whose driver is simulated.</summary>
    public required PointId Point { get; init; }

    public required TimeSpan After { get; init; }

    public required TimeSpan Hold { get; init; }
}
