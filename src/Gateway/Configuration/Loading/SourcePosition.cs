namespace SmartCampus.Edge.Gateway.Configuration.Loading;

/// <summary>Where a value was written: its key path and its 1-based line and column.</summary>
internal sealed record SourcePosition(string Path, int Line, int Column);
