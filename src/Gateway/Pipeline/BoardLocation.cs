namespace SmartCampus.Edge.Gateway.Pipeline;

/// <summary>Where one class board hangs; each key is null when the configuration leaves it out.</summary>
internal sealed record BoardLocation(string BoardId, string? Building, string? Floor, string? Room);
