using System.Globalization;
using SmartCampus.Edge.Gateway.Configuration.Loading;

namespace SmartCampus.Edge.Gateway.Configuration;

/// <summary>
/// One problem in the site configuration, located by 1-based line and column and by key path
/// (for example <c>devices[0].points[2].address</c>).
/// </summary>
public sealed record ConfigurationProblem
{
    public required ConfigurationProblemKind Kind { get; init; }

    /// <summary>1-based line; 0 when the problem concerns the file as a whole (for example a missing file).</summary>
    public required int Line { get; init; }

    /// <summary>1-based column; 0 with <see cref="Line"/> 0.</summary>
    public required int Column { get; init; }

    /// <summary>Key path of the offending value; empty for problems of the whole file.</summary>
    public required string Path { get; init; }

    /// <summary>The offending value as written; null when there is none (a missing key, a list) or it is a secret.</summary>
    public string? Value { get; init; }

    /// <summary>Id of the device whose entry contains the problem, when that entry has a readable id.</summary>
    public string? DeviceId { get; init; }

    /// <summary>
    /// Where the problem lies inside a device profile file; null for a problem of the site file itself. For a problem
    /// in a profile, <see cref="Line"/>, <see cref="Column"/> and <see cref="Path"/> locate the device's <c>profile</c>
    /// key, and <see cref="Value"/> is the profile name.
    /// </summary>
    public ProfileLocation? Profile { get; init; }

    /// <summary>What is wrong, what is expected and an example, in the language of the load result.</summary>
    public required string Message { get; init; }

    /// <summary>Resource key and arguments of <see cref="Message"/>; null for a problem built outside the loader.</summary>
    internal ProblemMessage? Text { get; init; }

    /// <summary>Formats the message in another language, for example English for the log.</summary>
    public string FormatMessage(CultureInfo culture) => Text?.Format(culture) ?? Message;
}
