using System.Globalization;
using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Gateway.Configuration.Warnings;
using SmartCampus.Edge.Gateway.Hosting;
using SmartCampus.Edge.Gateway.Resources;

namespace SmartCampus.Edge.Gateway.CommandLine;

/// <summary><c>smartcampus-edge check FILE</c>: the same report the gateway gives at start, without starting.</summary>
internal static class CheckCommand
{
    public static int Execute(FileInfo file, string? language, TextWriter output)
    {
        if (language is not null && !OperatorCulture.IsSupported(language))
        {
            output.WriteLine(GatewayText.Format("LanguageInvalid", language));
            return ExitCodes.InvalidConfiguration;
        }

        var messageCulture = language is null ? null : CultureInfo.GetCultureInfo(language);
        var result = SiteConfigurationLoader.Load(file.FullName, messageCulture);
        output.WriteLine(ConfigurationReport.Format(result));
        // Warnings, not problems: the gateway starts anyway, so the exit code stays 0.
        foreach (var line in ConfigurationWarnings.FormatLines(result, result.MessageCulture))
        {
            output.WriteLine(line);
        }

        return result.IsValid ? ExitCodes.Success : ExitCodes.InvalidConfiguration;
    }
}
