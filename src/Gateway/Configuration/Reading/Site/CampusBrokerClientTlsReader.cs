using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Resources;

namespace SmartCampus.Edge.Gateway.Configuration.Reading.Site;

/// <summary>
/// The TLS keys of the gateway's client to an external campus broker: <c>tls</c>, <c>tlsCaFile</c>,
/// <c>tlsClientCertificateFile</c> and <c>tlsClientKeyFile</c>. Each file must exist and be readable by the
/// service user, so that a wrong path or permission shows at load time with its line, not as a failed connect.
/// </summary>
internal static class CampusBrokerClientTlsReader
{
    public static readonly string[] Keys = ["tls", "tlsCaFile", "tlsClientCertificateFile", "tlsClientKeyFile"];

    public static (bool UseTls, string? CaFile, string? CertificateFile, string? KeyFile) Read(MappingReader broker)
    {
        var useTls = broker.Key("tls").OptionalBoolean("true");
        var caValue = broker.Key("tlsCaFile");
        var certificateValue = broker.Key("tlsClientCertificateFile");
        var keyValue = broker.Key("tlsClientKeyFile");
        var caFile = Readable(caValue, caValue.OptionalExistingFile("/etc/smartcampus-edge/campus-ca.pem"));
        var certificateFile = Readable(certificateValue, certificateValue.OptionalExistingFile("/etc/smartcampus-edge/gateway-campus.pem"));
        var keyFile = Readable(keyValue, keyValue.OptionalExistingFile("/etc/smartcampus-edge/gateway-campus.key"));

        if (keyValue.IsPresent && !certificateValue.IsPresent)
        {
            keyValue.Report(ConfigurationProblemKind.InvalidCombination, keyValue.RawText, new ProblemMessage(MessageKeys.ClientTlsKeyWithoutCertificate));
        }

        if (certificateValue.IsPresent && !keyValue.IsPresent)
        {
            certificateValue.Report(ConfigurationProblemKind.InvalidCombination, certificateValue.RawText, new ProblemMessage(MessageKeys.ClientTlsCertificateWithoutKey));
        }

        var anyFile = caValue.IsPresent || certificateValue.IsPresent;
        if (useTls == false && anyFile)
        {
            var value = caValue.IsPresent ? caValue : certificateValue;
            value.Report(ConfigurationProblemKind.InvalidCombination, value.RawText, new ProblemMessage(MessageKeys.ClientTlsFileWithoutTls, value.Key));
        }

        return (useTls ?? anyFile, caFile, certificateFile, keyFile);
    }

    /// <summary>Opens the file once; the gateway runs as its own service user, which may lack the permission.</summary>
    private static string? Readable(ValueReader value, string? path)
    {
        if (path is null)
        {
            return null;
        }

        try
        {
            using var stream = File.OpenRead(path);
            return path;
        }
        catch (Exception exception) when (exception is UnauthorizedAccessException or IOException)
        {
            value.Report(ConfigurationProblemKind.FileUnreadable, value.RawText, new ProblemMessage(MessageKeys.KeyFileUnreadable, path, exception.Message));
            return null;
        }
    }
}
