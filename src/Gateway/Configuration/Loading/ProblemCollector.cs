using System.Globalization;
using YamlDotNet.Core;

namespace SmartCampus.Edge.Gateway.Configuration.Loading;

/// <summary>Collects every problem of one load; messages are formatted at the end, once the language is known.</summary>
internal sealed class ProblemCollector
{
    private readonly List<Entry> entries = [];

    public int Count => entries.Count;

    public void Add(ConfigurationProblemKind kind, Mark at, string path, string? value, ProblemMessage message) =>
        entries.Add(new Entry(kind, checked((int)at.Line), checked((int)at.Column), path, value, message));

    /// <summary>Adds a problem of the whole file, which has no line (line and column 0).</summary>
    public void AddForFile(ConfigurationProblemKind kind, ProblemMessage message) =>
        entries.Add(new Entry(kind, 0, 0, string.Empty, null, message));

    /// <summary>
    /// Adds every problem of <paramref name="inner"/>, the problems of the device profile <paramref name="name"/> read
    /// from <paramref name="file"/>, at the <c>profile</c> key that names it. Each keeps its line, column, key path and
    /// value in the profile file as its <see cref="ProfileLocation"/>, and the problems are added in that file's order.
    /// </summary>
    public void AddFrom(ProblemCollector inner, Mark at, string path, string name, string file)
    {
        foreach (var entry in inner.entries.OrderBy(entry => entry.Line).ThenBy(entry => entry.Column))
        {
            var profile = new ProfileLocation { Name = name, File = file, Line = entry.Line, Column = entry.Column, Path = entry.Path, Value = entry.Value };
            entries.Add(new Entry(entry.Kind, checked((int)at.Line), checked((int)at.Column), path, name, entry.Message, profile));
        }
    }

    /// <summary>Returns the problems sorted by position, problems at one position in the order found.</summary>
    public IReadOnlyList<ConfigurationProblem> ToProblems(CultureInfo culture, Func<string, string?> deviceIdOfPath) =>
        entries
            .OrderBy(entry => entry.Line)
            .ThenBy(entry => entry.Column)
            .Select(entry => new ConfigurationProblem
            {
                Kind = entry.Kind,
                Line = entry.Line,
                Column = entry.Column,
                Path = entry.Path,
                Value = entry.Value,
                DeviceId = deviceIdOfPath(entry.Path),
                Message = entry.Message.Format(culture),
                Text = entry.Message,
                Profile = entry.Profile,
            })
            .ToList();

    private sealed record Entry(
        ConfigurationProblemKind Kind, int Line, int Column, string Path, string? Value, ProblemMessage Message, ProfileLocation? Profile = null);
}
