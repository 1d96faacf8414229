using System.Text.RegularExpressions;
using SmartCampus.Edge.Contracts;

namespace SmartCampus.Edge.Rules.Definitions;

/// <summary>
/// A point id with <c>*</c> wildcards, such as <c>*-air.co2</c> (every classroom's CO2 sensor). The first dot separates
/// device and point, as in <see cref="PointId"/>. A <c>*</c> in the device part matches any run of characters without
/// a dot; a <c>*</c> in the point part matches any run, dots included, because point names may contain dots. Matching
/// is case-sensitive, like point ids.
/// </summary>
public sealed class PointPattern
{
    private readonly Regex regex;

    /// <exception cref="ArgumentException">The pattern is blank or has no dot between device and point.</exception>
    public PointPattern(string pattern)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        if (!pattern.Contains('.', StringComparison.Ordinal))
        {
            throw new ArgumentException($"The point pattern '{pattern}' is invalid: expected 'device.point' with * wildcards, for example '*-air.co2'.", nameof(pattern));
        }

        Text = pattern;
        var dot = pattern.IndexOf('.', StringComparison.Ordinal);
        var device = string.Join("[^.]*", pattern[..dot].Split('*').Select(Regex.Escape));
        var point = string.Join(".*", pattern[(dot + 1)..].Split('*').Select(Regex.Escape));
        regex = new Regex($"^{device}\\.{point}$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
    }

    public string Text { get; }

    public bool Matches(PointId point) => regex.IsMatch(point.ToString());

    /// <summary>
    /// One rule per point of <paramref name="points"/> that matches, in the order given, each from
    /// <see cref="RuleDefinition.ForPoint"/> of <paramref name="template"/>.
    /// </summary>
    public IReadOnlyList<RuleDefinition> Expand(RuleDefinition template, IEnumerable<PointId> points)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(points);

        return points.Where(Matches).Distinct().Select(template.ForPoint).ToArray();
    }

    public override string ToString() => Text;
}
