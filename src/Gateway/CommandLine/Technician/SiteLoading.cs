using System.Globalization;
using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Gateway.Configuration.Model;
using SmartCampus.Edge.Gateway.Hosting;
using SmartCampus.Edge.Gateway.Resources;

namespace SmartCampus.Edge.Gateway.CommandLine.Technician;

/// <summary>
/// Loads campus.yaml for a technician command and sets the output language: --language, else gateway.language,
/// else the system language. On failure it prints the full problem report and returns the exit code.
/// </summary>
internal static class SiteLoading
{
    public static bool TryLoad(FileInfo file, string? language, TextWriter error, out SiteConfiguration site, out int exitCode)
    {
        site = null!;
        if (language is not null && !OperatorCulture.IsSupported(language))
        {
            error.WriteLine(GatewayText.Format("LanguageInvalid", language));
            exitCode = ExitCodes.InvalidConfiguration;
            return false;
        }

        OperatorCulture.Apply(language);
        var result = SiteConfigurationLoader.Load(file.FullName, language is null ? null : CultureInfo.GetCultureInfo(language));
        if (result.Configuration is not { } loaded)
        {
            error.WriteLine(ConfigurationReport.Format(result));
            exitCode = ExitCodes.InvalidConfiguration;
            return false;
        }

        OperatorCulture.Apply(language ?? loaded.Gateway.Language?.Name);
        site = loaded;
        exitCode = ExitCodes.Success;
        return true;
    }

    /// <summary>Sets the output language when no configuration is read; false (with the message printed) for an unsupported one.</summary>
    public static bool TryApplyLanguage(string? language, TextWriter error)
    {
        if (language is not null && !OperatorCulture.IsSupported(language))
        {
            error.WriteLine(GatewayText.Format("LanguageInvalid", language));
            return false;
        }

        OperatorCulture.Apply(language);
        return true;
    }
}
