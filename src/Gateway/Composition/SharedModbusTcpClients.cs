using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Modbus.Tcp;
using SmartCampus.Edge.Gateway.Configuration.Model;
using SmartCampus.Edge.Gateway.Configuration.Model.Devices;

namespace SmartCampus.Edge.Gateway.Composition;

/// <summary>
/// One <see cref="ModbusTcpClient"/> for each host and port that several modbus-tcp devices name, as the unit ids behind
/// one TCP-to-RTU converter do. Those devices share its connection and its queue, because many converters accept only
/// a few connections and serve one request at a time on their serial line. A device alone at its address gets no entry
/// and keeps a client of its own.
/// </summary>
internal static class SharedModbusTcpClients
{
    /// <summary>Creates the shared clients, keyed by <see cref="EndpointOf"/>. The caller disposes them after the devices.</summary>
    public static Dictionary<string, ModbusTcpClient> Create(SiteConfiguration site, GatewayClock clock, ILoggerFactory loggerFactory)
    {
        var clients = new Dictionary<string, ModbusTcpClient>(StringComparer.OrdinalIgnoreCase);
        var groups = site.Devices
            .OfType<ModbusTcpDeviceConfiguration>()
            .GroupBy(EndpointOf, StringComparer.OrdinalIgnoreCase)
            .Where(group => group.Count() > 1);
        foreach (var group in groups)
        {
            // Each device sends with its own timeout, so the client's own timeout only applies to requests sent
            // without a device. The client's id names every device in its connect and disconnect logs.
            var first = group.First();
            var options = new ModbusTcpClientOptions
            {
                DeviceId = string.Join(", ", group.Select(device => device.Id)),
                Host = first.Host,
                Port = first.Port,
                Timeout = group.Max(device => device.Timeout),
            };
            clients.Add(group.Key, new ModbusTcpClient(options, clock.TimeProvider, loggerFactory.CreateLogger<ModbusTcpClient>()));
        }

        return clients;
    }

    /// <summary>Returns the device's address as <c>host:port</c>. The dictionary compares host names without case.</summary>
    public static string EndpointOf(ModbusTcpDeviceConfiguration device) => $"{device.Host}:{device.Port}";
}
