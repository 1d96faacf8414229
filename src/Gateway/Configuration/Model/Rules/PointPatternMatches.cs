using SmartCampus.Edge.Contracts;

namespace SmartCampus.Edge.Gateway.Configuration.Model.Rules;

/// <summary>A <c>point</c> pattern such as <c>*-air.co2</c> and the configured points it matched, at least one.</summary>
public sealed record PointPatternMatches(string Pattern, IReadOnlyList<PointId> Points);
