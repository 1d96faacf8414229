using System.Runtime.InteropServices;
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

    /// <summary>Positions of the values that warnings of a valid configuration name.</summary>
    public SourcePositions Positions { get; } = new();

    // Texts of this load, one instance each. A campus of many devices of one model repeats the same point ids, units
    // and JSON paths. The configuration, the drivers, the point table and the console history all keep the
    // configuration's strings, so one instance saves about 40 bytes per point of the large school
    // (docs/benchmarks/gateway.md).
    private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);

    public string ResolvePath(string path) => Path.GetFullPath(Path.Combine(BaseDirectory, path));

    /// <summary>Returns the instance of this load that equals <paramref name="text"/>, the first one read.</summary>
    public string Share(string text)
    {
        ref var shared = ref CollectionsMarshal.GetValueRefOrAddDefault(_texts, text, out _);
        return shared ??= text;
    }
}
