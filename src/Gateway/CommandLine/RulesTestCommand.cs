using System.Globalization;
using System.Text.RegularExpressions;
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
internal static partial class RulesTestCommand
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
            if (FindThousandsSeparator(path, exception.Line) is { } number)
            {
                await output.WriteLineAsync(GatewayText.Format("RulesTestSamplesThousandsSeparator", exception.Line, number, number.Replace(",", string.Empty, StringComparison.Ordinal)));
            }
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

    /// <summary>
    /// Returns the value of a CSV sample line written with a thousands separator ("1,500", quoted or not), as a
    /// spreadsheet saves it, or null. The comma splits such a value into a value and a quality, so the parser's own
    /// message names the quality "500" and not the cause.
    /// </summary>
    private static string? FindThousandsSeparator(string path, int line)
    {
        var text = File.ReadLines(path).ElementAtOrDefault(line - 1);
        return text is not null && ThousandsSeparatorPattern().Match(text) is { Success: true } match ? match.Groups["number"].Value : null;
    }

    [GeneratedRegex(@"^[^,]*,[^,]*,\s*""?(?<number>-?\d{1,3}(?:,\d{3})+(?:\.\d+)?)""?\s*(?:,\s*[A-Za-z]*\s*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ThousandsSeparatorPattern();
}
