using SmartCampus.Edge.Gateway.Configuration.Model;

namespace SmartCampus.Edge.Gateway.Configuration;

/// <summary>
/// The configuration without its broken devices, for an operator who chooses to start anyway. It exists only when
/// every problem lies inside device entries with readable, unique ids. Rules that watch a point of a left-out device
/// are left out too. Rules that only act on such a device lose those actions and keep the rest.
/// </summary>
public sealed record PartialSiteConfiguration
{
    public required SiteConfiguration Configuration { get; init; }

    public required IReadOnlyList<string> ExcludedDeviceIds { get; init; }

    /// <summary>Rules left out because the point they watch belongs to a left-out device.</summary>
    public required IReadOnlyList<string> ExcludedRuleIds { get; init; }

    /// <summary>Rules that run without their setOutput or notice actions on left-out devices.</summary>
    public required IReadOnlyList<string> ReducedRuleIds { get; init; }
}
