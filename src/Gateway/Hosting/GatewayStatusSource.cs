using System.Reflection;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.Configuration.Model;
using SmartCampus.Edge.Gateway.Pipeline;
using SmartCampus.Edge.Rules.Engine;
using SmartCampus.Edge.Sync.Status;

namespace SmartCampus.Edge.Gateway.Hosting;

/// <summary>The gateway's own facts for the district heartbeat: version, configuration, devices, alarms, clock.</summary>
internal sealed class GatewayStatusSource(DeviceStatusTable devices, RuleEngine rules, GatewayHostSettings settings, IClockSynchronisation clock, SiteConfiguration site) : IGatewayStatusSource
{
    private static readonly string Version =
        typeof(GatewayStatusSource).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "unknown";

    public GatewayStatusSnapshot GetStatus() => new()
    {
        Version = Version,
        ConfigurationVersion = settings.ConfigurationVersion,
        DevicesOnline = devices.OnlineCount,
        DevicesOffline = devices.OfflineCount,
        DevicesNeverSeen = site.Devices.Count(device => devices.IsOnline(device.Id) is null),
        DevicesLeftOut = settings.LeftOut?.DeviceIds ?? [],
        ActiveAlarms = rules.ActiveAlarms.Count,
        ClockSynchronised = clock.IsSynchronised,
    };
}
