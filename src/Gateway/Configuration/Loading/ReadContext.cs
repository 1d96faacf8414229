using SmartCampus.Edge.Gateway.Configuration.Validation;

namespace SmartCampus.Edge.Gateway.Configuration.Loading;

/// <summary>State shared by the section readers of one load.</summary>
internal sealed class ReadContext(ProblemCollector problems, string baseDirectory)
{
    public ProblemCollector Problems { get; } = problems;

    /// <summary>Absolute folder of the configuration file; relative paths in the file resolve against it.</summary>
    public string BaseDirectory { get; } = baseDirectory;

    /// <summary>What the devices section declares, as far as it is readable; rules and simulators resolve points here.</summary>
    public DeviceIndex Devices { get; } = new();

    public string ResolvePath(string path) => Path.GetFullPath(Path.Combine(BaseDirectory, path));
}
