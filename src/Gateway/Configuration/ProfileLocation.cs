namespace SmartCampus.Edge.Gateway.Configuration;

/// <summary>
/// Where a problem or warning lies inside a device profile file. The problem or warning itself is located at the
/// device's <c>profile</c> key in the site file, which names this profile.
/// </summary>
public sealed record ProfileLocation
{
    /// <summary>Profile name as the site file writes it, for example <c>th-485-sensor</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Full path of the profile file that was read.</summary>
    public required string File { get; init; }

    /// <summary>1-based line in the profile file.</summary>
    public required int Line { get; init; }

    /// <summary>1-based column in the profile file.</summary>
    public required int Column { get; init; }

    /// <summary>Key path inside the profile, for example <c>points[1].address</c>; empty for a problem of the whole file.</summary>
    public required string Path { get; init; }

    /// <summary>The offending value as written; null when there is none (a missing key, a list).</summary>
    public string? Value { get; init; }
}
