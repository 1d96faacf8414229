using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Resources;

namespace SmartCampus.Edge.Gateway.Configuration;

/// <summary>
/// Formats a load result for the technician, one line per problem in the style of compiler output:
/// <c>campus.yaml:42:7 devices[0].points[2].address = 70000 (device bldgA-2F-201-air): message</c>,
/// then a summary line.
/// </summary>
public static class ConfigurationReport
{
    private static readonly CultureInfo LogCulture = CultureInfo.GetCultureInfo("en");

    /// <summary>Returns every problem line, the partial-start line when one applies, and the summary, in the result's language.</summary>
    public static IReadOnlyList<string> FormatLines(SiteConfigurationLoadResult result)
    {
        ArgumentNullException.ThrowIfNull(result);

        var lines = result.Problems
            .Select(problem => FormatProblem(result.SourceName, problem, result.MessageCulture))
            .ToList();
        if (result.Partial is { } partial)
        {
            lines.Add(FormatPartial(partial, result.MessageCulture));
        }

        lines.Add(FormatSummary(result));
        return lines;
    }

    public static string Format(SiteConfigurationLoadResult result) => string.Join(Environment.NewLine, FormatLines(result));

    /// <summary>Returns "Configuration is valid." or "3 problems found." in the result's language.</summary>
    public static string FormatSummary(SiteConfigurationLoadResult result)
    {
        ArgumentNullException.ThrowIfNull(result);

        var culture = result.MessageCulture;
        return result.Problems.Count switch
        {
            0 => ConfigText.Get(MessageKeys.SummaryValid, culture),
            1 => ConfigText.Get(MessageKeys.SummaryOneProblem, culture),
            var count => new ProblemMessage(MessageKeys.SummaryProblems, count).Format(culture),
        };
    }

    public static string FormatProblem(string sourceName, ConfigurationProblem problem, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(problem);

        var line = LocationText.Format(sourceName, problem.Line, problem.Column, problem.Path, problem.Value, problem.DeviceId, problem.Profile, culture);
        return line.Append(": ").Append(problem.FormatMessage(culture)).ToString();
    }

    /// <summary>
    /// Formats a warning with the prefix of a problem, "campus.yaml:42:7 devices[0].points[2].address (device air): ",
    /// or only the file name when the warned value has no position in it. The warning names its value itself.
    /// </summary>
    internal static string FormatWarning(string sourceName, SourcePosition at, string? deviceId, string message, CultureInfo culture)
    {
        var line = LocationText.Format(sourceName, at.Line, at.Column, at.Path, null, deviceId, at.Profile, culture);
        return line.Append(": ").Append(message).ToString();
    }

    /// <summary>Logs the outcome in English: one warning per problem, then the summary.</summary>
    public static void WriteTo(ILogger logger, SiteConfigurationLoadResult result)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(result);

        if (result.IsValid)
        {
            Log.ConfigurationLoaded(logger, result.SourceName, result.Configuration.Devices.Count, result.Configuration.Rules.Count);
            return;
        }

        foreach (var problem in result.Problems)
        {
            var message = problem.FormatMessage(LogCulture);
            if (problem.Profile is { } profile)
            {
                Log.ProfileConfigurationProblem(
                    logger, profile.File, profile.Line, profile.Column, profile.Path, profile.Name, result.SourceName, problem.Line, problem.Column, message);
            }
            else
            {
                Log.ConfigurationProblem(logger, result.SourceName, problem.Line, problem.Column, problem.Path, message);
            }
        }

        Log.ConfigurationRejected(logger, result.SourceName, result.Problems.Count);
        if (result.Partial is { } partial)
        {
            Log.PartialStartPossible(logger, result.SourceName, string.Join(", ", partial.ExcludedDeviceIds), string.Join(", ", partial.ExcludedRuleIds));
        }
    }

    /// <summary>
    /// Logs a start without broken devices in English: every problem as <see cref="WriteTo"/> does, then one warning
    /// that names the left-out devices, the left-out rules and the rules that lost actions.
    /// </summary>
    public static void WriteStartWithout(ILogger logger, SiteConfigurationLoadResult result, PartialSiteConfiguration leftOut)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(leftOut);

        WriteTo(logger, result);
        Log.StartedWithoutBrokenDevices(
            logger, result.SourceName, Listed(leftOut.ExcludedDeviceIds), Listed(leftOut.ExcludedRuleIds), Listed(leftOut.ReducedRuleIds));
    }

    // "none" rather than an empty placeholder, so that a log reader sees the list was checked.
    private static string Listed(IReadOnlyList<string> ids) => ids.Count == 0 ? "(none)" : string.Join(", ", ids);

    /// <summary>
    /// Names the devices to fix and how to start without them (or that the file already chose to), then the rules left
    /// out and the actions lost, each only when there is one.
    /// </summary>
    private static string FormatPartial(PartialSiteConfiguration partial, CultureInfo culture)
    {
        var startKey = partial.Configuration.Gateway.StartWithoutBrokenDevices ? MessageKeys.ReportPartialStartChosen : MessageKeys.ReportPartialStart;
        var text = new StringBuilder(new ProblemMessage(startKey, partial.ExcludedDeviceIds).Format(culture));
        if (partial.ExcludedRuleIds.Count > 0)
        {
            text.Append(PartialSeparator(culture)).Append(new ProblemMessage(MessageKeys.ReportPartialRules, partial.ExcludedRuleIds).Format(culture));
        }

        if (partial.ReducedRuleIds.Count > 0)
        {
            text.Append(PartialSeparator(culture)).Append(new ProblemMessage(MessageKeys.ReportPartialActions, partial.ReducedRuleIds).Format(culture));
        }

        return text.ToString();
    }

    // Chinese sentences follow one another without a space.
    private static string PartialSeparator(CultureInfo culture) => culture.TwoLetterISOLanguageName == "zh" ? string.Empty : " ";
}
