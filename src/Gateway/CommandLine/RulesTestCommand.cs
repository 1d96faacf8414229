using System.Globalization;
using SmartCampus.Edge.Gateway.Composition;
using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Gateway.Hosting;
using SmartCampus.Edge.Gateway.Resources;
using SmartCampus.Edge.Rules.Testing;

namespace SmartCampus.Edge.Gateway.CommandLine;

/// <summary>
/// <c>smartcampus-edge rules test CONFIG SAMPLES</c>: runs the site's rules against a recorded or hand-written
/// series of samples on a simulated clock and prints the alarm timeline and actions. No device is touched.
/// </summary>
internal static class RulesTestCommand
{
    public static async Task<int> ExecuteAsync(FileInfo configFile, FileInfo samplesFile, string? language, TimeSpan runOut, TextWriter output, CancellationToken cancellationToken)
    {
        if (language is not null && !OperatorCulture.IsSupported(language))
        {
            await output.WriteLineAsync(GatewayText.Format("LanguageInvalid", language));
            return ExitCodes.InvalidConfiguration;
        }

        var culture = language is null ? null : CultureInfo.GetCultureInfo(language);
        var result = SiteConfigurationLoader.Load(configFile.FullName, culture);
        if (result.Configuration is not { } site)
        {
            await output.WriteLineAsync(ConfigurationReport.Format(result));
            return ExitCodes.InvalidConfiguration;
        }

        culture ??= site.Gateway.Language ?? CultureInfo.CurrentUICulture;

        // Only this command's async flow changes: the messages below come from resources in the site's language.
        CultureInfo.CurrentUICulture = culture;
        SampleSeries series;
        try
        {
            // Relative sample times count from a fixed start, so the same file always prints the same timeline.
            series = await SampleSeriesParser.ReadFileAsync(samplesFile.FullName, new DateTimeOffset(2026, 9, 1, 8, 0, 0, TimeSpan.Zero), cancellationToken);
        }
        catch (Exception exception) when (exception is FormatException or IOException or UnauthorizedAccessException)
        {
            // NOTE: the sample parser's own messages are English only.
            await output.WriteLineAsync(GatewayText.Format("RulesTestSamplesInvalid", samplesFile.FullName, exception.Message));
            return ExitCodes.InvalidConfiguration;
        }

        var rules = RuleDefinitionFactory.Create(site);
        var problems = RulesTestSampleCheck.Problems(site, rules, series);
        if (problems.Count > 0)
        {
            await output.WriteLineAsync(GatewayText.Format("RulesTestSamplesRejected", samplesFile.FullName));
            foreach (var problem in problems)
            {
                await output.WriteLineAsync("  " + problem);
            }

            return ExitCodes.InvalidConfiguration;
        }

        var timeline = RuleTestRunner.Run(rules, series, runOut);
        await output.WriteLineAsync(TimelineFormatter.Format(timeline, culture));
        return ExitCodes.Success;
    }
}
