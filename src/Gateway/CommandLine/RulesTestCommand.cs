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
        var series = await ReadSamplesAsync(samplesFile, output, cancellationToken);
        if (series is null)
        {
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

    /// <summary>
    /// Reads the samples, or prints why they cannot be read and returns null. The causes a technician meets (a wrong
    /// path, a folder, no permission, a bad line) get their own text, because .NET's is English only.
    /// </summary>
    private static async Task<SampleSeries?> ReadSamplesAsync(FileInfo samplesFile, TextWriter output, CancellationToken cancellationToken)
    {
        var path = samplesFile.FullName;
        try
        {
            // Relative sample times count from a fixed start, so the same file always prints the same timeline.
            return await SampleSeriesParser.ReadFileAsync(path, new DateTimeOffset(2026, 9, 1, 8, 0, 0, TimeSpan.Zero), cancellationToken);
        }
        catch (SampleFormatException exception)
        {
            await output.WriteLineAsync(GatewayText.Format("RulesTestSamplesMalformed", path, exception.Message));
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            await output.WriteLineAsync(GatewayText.Format("RulesTestSamplesNotFound", path));
        }
        catch (UnauthorizedAccessException) when (Directory.Exists(path))
        {
            await output.WriteLineAsync(GatewayText.Format("RulesTestSamplesIsDirectory", path));
        }
        catch (UnauthorizedAccessException)
        {
            await output.WriteLineAsync(GatewayText.Format("RulesTestSamplesAccessDenied", path));
        }
        catch (IOException exception)
        {
            await output.WriteLineAsync(GatewayText.Format("RulesTestSamplesInvalid", path, exception.Message));
        }

        return null;
    }
}
