using System.Net;
using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Model;
using SmartCampus.Edge.Gateway.Configuration.Resources;

namespace SmartCampus.Edge.Gateway.Configuration.Reading.Site;

internal static class ConsoleReader
{
    public const string Example = "{enabled: true, address: 127.0.0.1, port: 8443}";

    /// <summary>Maximum values kept per point for the charts, whatever the span and interval, to bound memory on a large site.</summary>
    public const int MaxHistoryValuesPerPoint = 4_320;

    public static ConsoleConfiguration Read(MappingReader console)
    {
        var enabled = console.Key("enabled").OptionalBoolean("true");
        var address = ReadAddress(console.Key("address"));
        var port = console.Key("port").OptionalInteger(1, 65535, "8443");
        var https = console.Key("https").OptionalBoolean("true");
        var certificate = console.Key("certificateFile").OptionalExistingFile("/etc/smartcampus-edge/console.pem");
        var key = console.Key("keyFile").OptionalExistingFile("/etc/smartcampus-edge/console.key");
        var sessionLifetime = console.Key("sessionLifetime").OptionalDuration(TimeSpan.FromMinutes(5), TimeSpan.FromDays(7), "8h");
        var metricsWithoutLogin = console.Key("metricsWithoutLogin").OptionalBoolean("true");
        var healthWithoutLogin = console.Key("healthWithoutLogin").OptionalBoolean("true");
        var historySpan = console.Key("historySpan").OptionalDuration(TimeSpan.FromMinutes(10), TimeSpan.FromHours(48), "6h");
        var historyInterval = console.Key("historyInterval").OptionalDuration(TimeSpan.FromSeconds(1), TimeSpan.FromHours(1), "1m");
        CheckCertificatePair(console, https);
        console.ReportUnknownKeys();

        return new ConsoleConfiguration
        {
            Enabled = enabled ?? false,
            Address = address ?? IPAddress.Loopback,
            Port = port ?? ConsoleConfiguration.DefaultPort,
            Https = https ?? true,
            CertificateFile = certificate,
            KeyFile = key,
            SessionLifetime = sessionLifetime ?? ConsoleConfiguration.DefaultSessionLifetime,
            MetricsWithoutLogin = metricsWithoutLogin ?? true,
            HealthWithoutLogin = healthWithoutLogin ?? true,
            HistorySpan = historySpan ?? ConsoleConfiguration.DefaultHistorySpan,
            HistoryInterval = historyInterval ?? ConsoleConfiguration.DefaultHistoryInterval,
        };
    }

    /// <summary>An IP address, not a host name: Kestrel binds one address, and a name could resolve to every interface.</summary>
    private static IPAddress? ReadAddress(ValueReader value)
    {
        var text = value.OptionalText("127.0.0.1");
        if (text is null)
        {
            return null;
        }

        // IPAddress.TryParse reads "[::1]:8443" as ::1 and drops the port, so a port written here is caught first.
        if (HostText.TrySplitPort(text, out var host, out var port) && IPAddress.TryParse(host, out _))
        {
            var portPath = KeyPath.Child(value.Owner.Path, "port");
            value.Report(ConfigurationProblemKind.InvalidValue, text, new ProblemMessage(MessageKeys.HostWithPort, text, value.Snippet(host), $"port: {port}", portPath));
            return null;
        }

        if (!IPAddress.TryParse(text, out var address))
        {
            value.Report(ConfigurationProblemKind.InvalidValue, text, new ProblemMessage(MessageKeys.ConsoleAddressInvalid, text));
            return null;
        }

        return address;
    }

    private static void CheckCertificatePair(MappingReader console, bool? https)
    {
        var certificate = console.Key("certificateFile");
        var key = console.Key("keyFile");
        if (certificate.IsPresent != key.IsPresent)
        {
            var present = certificate.IsPresent ? certificate : key;
            present.Report(ConfigurationProblemKind.InvalidCombination, present.RawText, new ProblemMessage(MessageKeys.ConsoleCertificateWithoutKey));
        }
        else if (certificate.IsPresent && https == false)
        {
            certificate.Report(ConfigurationProblemKind.InvalidCombination, certificate.RawText, new ProblemMessage(MessageKeys.ConsoleCertificateWithoutHttps));
        }
    }
}
