using System.Reflection;
using SmartCampus.Edge.Gateway.Pipeline;
using SmartCampus.Edge.Rules.Engine;
using SmartCampus.Edge.Sync.Status;

namespace SmartCampus.Edge.Gateway.Hosting;

/// <summary>The gateway's own facts for the district heartbeat: version, configuration, devices, alarms, clock.</summary>
internal sealed class GatewayStatusSource(DeviceStatusTable devices, RuleEngine rules, GatewayHostSettings settings) : IGatewayStatusSource
{
    /// <summary>File that systemd-timesyncd creates once the clock is synchronised.</summary>
    private const string TimesyncdSynchronisedFlag = "/run/systemd/timesync/synchronized";

    private static readonly string Version =
        typeof(GatewayStatusSource).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "unknown";

    public GatewayStatusSnapshot GetStatus() => new()
    {
        Version = Version,
        ConfigurationVersion = settings.ConfigurationVersion,
        DevicesOnline = devices.OnlineCount,
        DevicesOffline = devices.OfflineCount,
        ActiveAlarms = rules.ActiveAlarms.Count,

        // NOTE: only systemd-timesyncd is detected; a gateway synchronised by chrony or ntpd reports false.
        ClockSynchronised = File.Exists(TimesyncdSynchronisedFlag),
    };
}
