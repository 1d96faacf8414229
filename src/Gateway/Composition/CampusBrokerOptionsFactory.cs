using System.Net;
using SmartCampus.Edge.Gateway.CampusBroker;
using SmartCampus.Edge.Gateway.Configuration.Model;
using SmartCampus.Edge.Gateway.Configuration.Model.Devices;

namespace SmartCampus.Edge.Gateway.Composition;

/// <summary>Accounts and listen address of the embedded campus broker: the gateway's own account and one per class board.</summary>
internal static class CampusBrokerOptionsFactory
{
    public static CampusBrokerOptions Create(SiteConfiguration site)
    {
        var accounts = new List<CampusBrokerAccount>
        {
            CampusBrokerAccount.ForGateway(site.CampusBroker.Username, site.CampusBroker.Password),
        };
        accounts.AddRange(site.Devices.OfType<ClassBoardConfiguration>().Select(board => CampusBrokerAccount.ForBoard(board.Id, board.Password)));
        accounts.AddRange(site.Devices.OfType<AccessGateConfiguration>().Select(gate => CampusBrokerAccount.ForGate(gate.Id, gate.Password)));
        accounts.AddRange(site.Devices.OfType<MqttSensorConfiguration>().Select(sensor => new CampusBrokerAccount(sensor.Id, sensor.Password, MqttSensorTopics.Prefix(sensor.Id))));

        var broker = site.CampusBroker;
        return new CampusBrokerOptions
        {
            ListenAddress = ResolveListenAddress(broker.Host),
            ListenAddresses = [.. broker.ListenAddresses.Select(IPAddress.Parse)],
            Port = broker.Port,
            Accounts = accounts,
            MaxPendingMessagesPerClient = broker.MaxQueuedMessages,
            TlsCertificatePath = broker.TlsCertificateFile,
            TlsKeyPath = broker.TlsKeyFile,
            TlsPort = broker.TlsPort,
            RetainedStorePath = broker.RetainedStoreFile
                ?? Path.Combine(site.Gateway.DataDirectory, CampusBrokerConfiguration.DefaultRetainedStoreFileName),
        };
    }

    private static IPAddress ResolveListenAddress(string host)
    {
        if (IPAddress.TryParse(host, out var address))
        {
            return address;
        }

        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        throw new InvalidOperationException(
            $"campusBroker.host '{host}' is not an IP address. The embedded broker listens on one address: write it as an IP, for example 127.0.0.1 or the gateway's LAN address.");
    }
}
