using SmartCampus.Edge.Gateway.Configuration.Model;
using SmartCampus.Edge.Gateway.WebConsole.Devices;
using SmartCampus.Edge.Sync.ThingsBoard;

namespace SmartCampus.Edge.Gateway.Composition;

/// <summary>ThingsBoard profile settings from the site configuration: token file, RPC switch and each device's kind as its ThingsBoard type.</summary>
internal static class ThingsBoardOptionsFactory
{
    /// <summary>File name of the RPC ledger in the gateway's data folder.</summary>
    public const string RpcLedgerFileName = "thingsboard-rpc.db";

    public static ThingsBoardOptions Create(SiteConfiguration site)
    {
        var district = site.District;
        return new ThingsBoardOptions
        {
            AccessTokenFile = district.AccessTokenFile ?? string.Empty,
            RpcEnabled = district.Rpc,
            RpcLedgerPath = Path.Combine(site.Gateway.DataDirectory, RpcLedgerFileName),
            DeviceTypes = site.Devices.ToDictionary(device => device.Id, DeviceCatalog.KindOf, StringComparer.Ordinal),
        };
    }
}
