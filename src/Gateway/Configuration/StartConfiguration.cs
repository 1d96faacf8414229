using SmartCampus.Edge.Gateway.Configuration.Model;

namespace SmartCampus.Edge.Gateway.Configuration;

/// <summary>
/// The configuration the gateway starts on: the whole file when it is valid, or the file without its broken devices
/// when the operator chose that with <c>gateway.startWithoutBrokenDevices</c> or <c>run --without-broken-devices</c>.
/// </summary>
public sealed record StartConfiguration
{
    public required SiteConfiguration Site { get; init; }

    /// <summary>What was left out to start; null when the whole file is in force.</summary>
    public PartialSiteConfiguration? LeftOut { get; init; }

    /// <summary>
    /// Returns the configuration to start on, or null when the start is refused: the file has a problem outside device
    /// entries, or only device problems and the operator did not choose to start without those devices.
    /// </summary>
    /// <param name="withoutBrokenDevices">The <c>--without-broken-devices</c> flag of this one start.</param>
    public static StartConfiguration? Choose(SiteConfigurationLoadResult result, bool withoutBrokenDevices)
    {
        ArgumentNullException.ThrowIfNull(result);

        if (result.Configuration is { } site)
        {
            return new StartConfiguration { Site = site };
        }

        // The gateway section has no problem when a partial configuration exists, so its key can be trusted here.
        if (result.Partial is { } partial && (withoutBrokenDevices || partial.Configuration.Gateway.StartWithoutBrokenDevices))
        {
            return new StartConfiguration { Site = partial.Configuration, LeftOut = partial };
        }

        return null;
    }
}
