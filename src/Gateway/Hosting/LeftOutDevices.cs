using System.Globalization;
using SmartCampus.Edge.Gateway.Configuration;

namespace SmartCampus.Edge.Gateway.Hosting;

/// <summary>
/// The devices and rules a start without broken devices left out, with the problems that broke those devices, for the
/// console and the district status.
/// </summary>
public sealed class LeftOutDevices
{
    private readonly SiteConfigurationLoadResult _result;

    private LeftOutDevices(SiteConfigurationLoadResult result, PartialSiteConfiguration leftOut)
    {
        _result = result;
        DeviceIds = leftOut.ExcludedDeviceIds;
        RuleIds = leftOut.ExcludedRuleIds;
        ReducedRuleIds = leftOut.ReducedRuleIds;
    }

    public IReadOnlyList<string> DeviceIds { get; }

    /// <summary>Rules left out because they watch a point of a left-out device.</summary>
    public IReadOnlyList<string> RuleIds { get; }

    /// <summary>Rules that run without their actions on left-out devices.</summary>
    public IReadOnlyList<string> ReducedRuleIds { get; }

    public static LeftOutDevices From(SiteConfigurationLoadResult result, PartialSiteConfiguration leftOut)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(leftOut);
        return new LeftOutDevices(result, leftOut);
    }

    /// <summary>Every problem line as <c>check</c> prints it, with file, line, key path and device, in <paramref name="culture"/>.</summary>
    public IReadOnlyList<string> ProblemLines(CultureInfo culture) =>
        [.. _result.Problems.Select(problem => ConfigurationReport.FormatProblem(_result.SourceName, problem, culture))];
}
