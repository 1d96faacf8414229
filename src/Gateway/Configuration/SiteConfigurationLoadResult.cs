using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Model;

namespace SmartCampus.Edge.Gateway.Configuration;

/// <summary>Outcome of loading campus.yaml: the configuration when the file has no problem, otherwise every problem.</summary>
public sealed class SiteConfigurationLoadResult
{
    internal SiteConfigurationLoadResult(
        string sourceName,
        CultureInfo messageCulture,
        SiteConfiguration? configuration,
        IReadOnlyList<ConfigurationProblem> problems,
        PartialSiteConfiguration? partial,
        SourcePositions? positions = null)
    {
        Positions = positions ?? SourcePositions.None;
        SourceName = sourceName;
        MessageCulture = messageCulture;
        Configuration = configuration;
        Problems = problems;
        Partial = partial;
    }

    /// <summary>The file name as the caller gave it; reports print it before each line number.</summary>
    public string SourceName { get; }

    /// <summary>Language of <see cref="ConfigurationProblem.Message"/>: zh-CN or en.</summary>
    public CultureInfo MessageCulture { get; }

    /// <summary>The whole configuration; null when there is any problem.</summary>
    public SiteConfiguration? Configuration { get; }

    /// <summary>Every problem, sorted by line and column; empty when the configuration is valid.</summary>
    public IReadOnlyList<ConfigurationProblem> Problems { get; }

    /// <summary>The configuration without broken devices, when all problems lie in device entries; otherwise null.</summary>
    public PartialSiteConfiguration? Partial { get; }

    /// <summary>Where the values that warnings name were written; empty when the file could not be read.</summary>
    internal SourcePositions Positions { get; }

    [MemberNotNullWhen(true, nameof(Configuration))]
    public bool IsValid => Configuration is not null;
}
