using SmartCampus.Edge.Contracts;

namespace SmartCampus.Edge.Gateway.Configuration.Validation;

/// <summary>A point reference that names an existing device, and what the point carries.</summary>
internal readonly record struct ResolvedPoint(PointId Id, PointSignal Signal);
