namespace SmartCampus.Edge.Gateway.Configuration.Loading;

/// <summary>
/// Where a value was written: its key path and its 1-based line and column in the site file. For a value in a device
/// profile, they locate the device's <c>profile</c> key, and <paramref name="Profile"/> locates the value in the profile file.
/// </summary>
internal sealed record SourcePosition(string Path, int Line, int Column, ProfileLocation? Profile = null);
