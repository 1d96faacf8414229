namespace SmartCampus.Edge.Sync.Status;

/// <summary>Gateway facts for the district status, taken by <see cref="IGatewayStatusSource.GetStatus"/>.</summary>
public sealed record GatewayStatusSnapshot
{
    /// <summary>Version of the gateway software, e.g. "0.1.0".</summary>
    public string Version { get; init; } = string.Empty;

    /// <summary>Version of the site configuration in force, or null when unknown.</summary>
    public string? ConfigurationVersion { get; init; }

    public int DevicesOnline { get; init; }

    public int DevicesOffline { get; init; }

    /// <summary>Configured devices that have reported neither online nor offline since the start.</summary>
    public int DevicesNeverSeen { get; init; }

    /// <summary>
    /// Ids of the devices this start left out because their entries in the site configuration have problems. The list is
    /// empty unless the operator chose to start without such devices.
    /// </summary>
    public IReadOnlyList<string> DevicesLeftOut { get; init; } = [];

    public int ActiveAlarms { get; init; }

    /// <summary>True when the system clock is synchronised (e.g. timedatectl's NTPSynchronized).</summary>
    public bool ClockSynchronised { get; init; }
}
