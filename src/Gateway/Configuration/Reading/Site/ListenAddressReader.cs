using System.Net;
using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Reading.Rules;
using SmartCampus.Edge.Gateway.Configuration.Resources;
using SmartCampus.Edge.Gateway.Resources;

namespace SmartCampus.Edge.Gateway.Configuration.Reading.Site;

/// <summary>
/// <c>campusBroker.listenAddresses</c>: the IP addresses the embedded broker listens on. MQTTnet listens on every
/// interface unless bound, so each address is bound alone. A wildcard (<c>0.0.0.0</c>, <c>::</c>) already covers
/// every interface of its family and is refused next to other addresses. <c>host</c>, which the gateway's own
/// drivers connect to, must be one of the listed addresses.
/// </summary>
internal static class ListenAddressReader
{
    private const string Example = "[192.168.10.5, 127.0.0.1]";

    public static IReadOnlyList<string> Read(MappingReader broker, string? host)
    {
        var value = broker.Key("listenAddresses");
        if (!value.IsPresent)
        {
            return [];
        }

        var items = value.ScalarList(Example, required: true);
        if (items is null)
        {
            return [];
        }

        var addresses = new List<IPAddress>();
        foreach (var item in items)
        {
            // IPAddress.TryParse reads "[::1]:1883" as ::1 and drops the port, so a port written here is caught first.
            if (HostText.TrySplitPort(item.Text, out var bareAddress, out var port) && IPAddress.TryParse(bareAddress, out _))
            {
                var portPath = KeyPath.Child(broker.Path, "port");
                item.Report(ConfigurationProblemKind.InvalidValue, new ProblemMessage(MessageKeys.HostWithPort, item.Text, bareAddress, $"port: {port}", portPath));
                continue;
            }

            if (!IPAddress.TryParse(item.Text, out var address))
            {
                item.Report(ConfigurationProblemKind.InvalidValue, new ProblemMessage(MessageKeys.ListenAddressNotIp, item.Text));
                continue;
            }

            if (addresses.Contains(address))
            {
                item.Report(ConfigurationProblemKind.InvalidValue, new ProblemMessage(MessageKeys.ListenAddressTwice, item.Text));
                continue;
            }

            addresses.Add(address);
        }

        foreach (var item in items)
        {
            if (IPAddress.TryParse(item.Text, out var address) && IsWildcard(address) && items.Count > 1)
            {
                item.Report(ConfigurationProblemKind.InvalidCombination, new ProblemMessage(MessageKeys.ListenWildcardWithOthers, item.Text));
            }
        }

        var hostValue = broker.Key("host");
        if (host is not null && IPAddress.TryParse(host, out var hostAddress) && !addresses.Contains(hostAddress))
        {
            hostValue.Report(ConfigurationProblemKind.InvalidCombination, host, new ProblemMessage(MessageKeys.HostNotListenAddress, host, addresses));
        }

        return [.. addresses.Select(address => address.ToString())];
    }

    private static bool IsWildcard(IPAddress address) => address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);
}
