using System.Net;
using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Model;
using SmartCampus.Edge.Gateway.Configuration.Resources;

namespace SmartCampus.Edge.Gateway.Configuration.Reading.Site;

internal static class CampusBrokerReader
{
    public const string Example = "{mode: embedded, host: 0.0.0.0, port: 1883, username: gateway, password: ...}";

    private static readonly ChoiceSet<CampusBrokerMode> Modes = new(
        ("embedded", CampusBrokerMode.Embedded),
        ("external", CampusBrokerMode.External));

    private static readonly string[] EmbeddedOnlyKeys = ["tlsCertificateFile", "tlsKeyFile", "tlsPort", "retainedStore", "maxQueuedMessages", "listenAddresses"];

    private static readonly string[] ExternalOnlyKeys = ["persistentSession", "sessionExpiry", .. CampusBrokerClientTlsReader.Keys];

    public static CampusBrokerConfiguration Read(MappingReader broker)
    {
        var mode = broker.Key("mode").RequiredChoice(Modes);
        var hostValue = broker.Key("host");
        var host = hostValue.RequiredHost("0.0.0.0");
        var port = broker.Key("port").RequiredInteger(1, 65535, "1883");
        var username = broker.Key("username").RequiredText("gateway");
        var password = broker.Key("password").RequiredSecret("change-me-1234");
        var persistentSession = broker.Key("persistentSession").OptionalBoolean("true");
        var sessionExpiry = broker.Key("sessionExpiry").OptionalDuration(TimeSpan.FromMinutes(1), TimeSpan.FromDays(7), "1h");
        var certificateValue = broker.Key("tlsCertificateFile");
        var certificate = certificateValue.OptionalExistingFile("/etc/smartcampus-edge/campus-broker.pem");
        var keyValue = broker.Key("tlsKeyFile");
        var key = keyValue.OptionalExistingFile("/etc/smartcampus-edge/campus-broker.key");
        var tlsPort = broker.Key("tlsPort").OptionalInteger(1, 65535, "8883");
        var retainedValue = broker.Key("retainedStore");
        var retainedStore = retainedValue.IsPresent ? retainedValue.RequiredPath("/var/lib/smartcampus-edge/campus-retained.json") : null;
        var maxQueued = broker.Key("maxQueuedMessages").OptionalInteger(100, 1_000_000, "10000");
        var clientTls = CampusBrokerClientTlsReader.Read(broker);
        var listenAddresses = ListenAddressReader.Read(broker, host);
        broker.ReportUnknownKeys();

        if (mode == CampusBrokerMode.Embedded)
        {
            CheckListenAddress(hostValue, host);
            CheckTls(certificateValue, certificate, keyValue, key);
        }

        if (mode is { } chosen)
        {
            ReportKeysOfOtherMode(broker, chosen);
        }

        return new CampusBrokerConfiguration
        {
            Mode = mode ?? CampusBrokerMode.Embedded,
            Host = host ?? string.Empty,
            Port = port ?? 0,
            Username = username ?? string.Empty,
            Password = password ?? string.Empty,
            PersistentSession = persistentSession ?? false,
            SessionExpiry = sessionExpiry ?? TimeSpan.FromHours(1),
            TlsCertificateFile = certificate,
            TlsKeyFile = key,
            TlsPort = tlsPort ?? 8883,
            RetainedStoreFile = retainedStore,
            MaxQueuedMessages = maxQueued ?? CampusBrokerConfiguration.DefaultMaxQueuedMessages,
            ListenAddresses = mode == CampusBrokerMode.Embedded ? listenAddresses : [],
            UseTls = mode == CampusBrokerMode.External && clientTls.UseTls,
            TlsCaFile = clientTls.CaFile,
            TlsClientCertificateFile = clientTls.CertificateFile,
            TlsClientKeyFile = clientTls.KeyFile,
        };
    }

    /// <summary>
    /// The embedded broker binds only the configured addresses, because MQTTnet otherwise listens on every interface.
    /// So the host must be an IP address (or localhost), not a name that could resolve to several.
    /// </summary>
    private static void CheckListenAddress(ValueReader hostValue, string? host)
    {
        if (host is null || IPAddress.TryParse(host, out _) || string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        hostValue.Report(ConfigurationProblemKind.InvalidValue, host, new ProblemMessage(MessageKeys.EmbeddedBrokerHostNotAddress, host));
    }

    private static void CheckTls(ValueReader certificateValue, string? certificate, ValueReader keyValue, string? key)
    {
        if (keyValue.IsPresent && !certificateValue.IsPresent)
        {
            keyValue.Report(ConfigurationProblemKind.InvalidCombination, keyValue.RawText, new ProblemMessage(MessageKeys.TlsKeyWithoutCertificate));
        }

        var pkcs12 = certificate is not null
            && (certificate.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || certificate.EndsWith(".p12", StringComparison.OrdinalIgnoreCase));
        if (certificate is not null && !pkcs12 && key is null && !keyValue.IsPresent)
        {
            certificateValue.Report(ConfigurationProblemKind.InvalidCombination, certificateValue.RawText, new ProblemMessage(MessageKeys.TlsCertificateWithoutKey));
        }
    }

    private static void ReportKeysOfOtherMode(MappingReader broker, CampusBrokerMode mode)
    {
        var (keys, needed) = mode == CampusBrokerMode.Embedded ? (ExternalOnlyKeys, "external") : (EmbeddedOnlyKeys, "embedded");
        foreach (var name in keys)
        {
            var value = broker.Key(name);
            if (value.IsPresent)
            {
                value.Report(ConfigurationProblemKind.InvalidCombination, value.RawText, new ProblemMessage(MessageKeys.CampusBrokerKeyOfOtherMode, name, needed));
            }
        }
    }
}
