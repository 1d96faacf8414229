using System.Globalization;

namespace SmartCampus.Edge.Gateway.Configuration.Model;

/// <summary>This gateway box.</summary>
public sealed record GatewayConfiguration
{
    /// <summary>Gateway id, unique within the school, of lowercase letters, digits and '-'.</summary>
    public required string Id { get; init; }

    /// <summary>Language for operator text (zh-CN or en); null follows <see cref="CultureInfo.CurrentUICulture"/>.</summary>
    public CultureInfo? Language { get; init; }

    /// <summary>Absolute path of the folder for the outbox, logs and the instance lock.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>
    /// Whether the gateway starts without the devices whose entries have problems when every problem lies inside
    /// device entries, so that one broken comfort sensor does not keep the fire rules from running. Default false.
    /// </summary>
    public bool StartWithoutBrokenDevices { get; init; }
}
