using SmartCampus.Edge.Gateway.Configuration.Loading;

namespace SmartCampus.Edge.Gateway.Configuration.Warnings;

/// <summary>
/// A warning of a valid configuration with the position of the value it names. <paramref name="DeviceId"/> is set for
/// a warning about a device's point, and only such a warning can lie in a device profile (<see cref="SourcePosition.Profile"/>).
/// </summary>
internal sealed record LocatedWarning(SourcePosition At, string? DeviceId, ProblemMessage Message)
{
    /// <summary>Position of a warning whose value the load recorded no position for; the report then names only the file.</summary>
    public static SourcePosition Unlocated { get; } = new(string.Empty, 0, 0);
}
