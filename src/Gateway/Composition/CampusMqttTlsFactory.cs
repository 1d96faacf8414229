using SmartCampus.Edge.Drivers.Mqtt;
using SmartCampus.Edge.Gateway.Configuration.Model;

namespace SmartCampus.Edge.Gateway.Composition;

/// <summary>TLS of the gateway's clients to an external campus broker, for clients that are not drivers (rule publisher, technician commands).</summary>
internal static class CampusMqttTlsFactory
{
    /// <summary>Null for an embedded broker or plain MQTT; throws with the operator's text when a file cannot be used.</summary>
    public static CampusMqttTls? Create(SiteConfiguration site)
    {
        var broker = site.CampusBroker;
        if (broker.Mode != CampusBrokerMode.External || !broker.UseTls)
        {
            return null;
        }

        return CampusMqttTls.Create(new CampusMqttOptions
        {
            Host = broker.Host,
            ClientId = "tls",
            UseTls = true,
            TlsCaFile = broker.TlsCaFile,
            TlsClientCertificateFile = broker.TlsClientCertificateFile,
            TlsClientKeyFile = broker.TlsClientKeyFile,
        });
    }
}
