namespace SmartCampus.Edge.Gateway.CommandLine.Switch;

/// <summary>What the technician asked for: the campus.yaml file, the switch, the port (a number or a point id) and the options.</summary>
internal sealed record PowerCycleRequest(FileInfo Config, string Device, string Port, string? OffFor, bool Force, string? Language);
