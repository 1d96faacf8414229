using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Gateway.Configuration.Model;
using SmartCampus.Edge.Gateway.WebConsole.Security;

namespace SmartCampus.Edge.Gateway.WebConsole.Hosting;

/// <summary>
/// The console's TLS certificate: the site's PEM pair when configured, else a self-signed ECDSA P-256 certificate
/// made once and kept in <c>{dataDirectory}/console/console.pfx</c> (readable by the gateway's user only), so the
/// browser's exception for it survives restarts. A new one is made when the address changes or it expires.
/// </summary>
internal static class ConsoleCertificate
{
    public const string FileName = "console.pfx";

    private static readonly TimeSpan Validity = TimeSpan.FromDays(3650);

    public static X509Certificate2 Load(ConsoleConfiguration console, string folder, TimeProvider timeProvider, ILogger logger)
    {
        if (console.CertificateFile is { } certificateFile && console.KeyFile is { } keyFile)
        {
            // Kestrel on Linux needs an exportable key, so the PEM pair goes through PKCS#12 once.
            using var pem = X509Certificate2.CreateFromPemFile(certificateFile, keyFile);
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), password: null);
        }

        var path = Path.Combine(folder, FileName);
        var now = timeProvider.GetUtcNow();
        if (File.Exists(path))
        {
            var existing = X509CertificateLoader.LoadPkcs12FromFile(path, password: null);
            if (existing.NotAfter > now.UtcDateTime.AddDays(1) && Covers(existing, console.Address))
            {
                return existing;
            }

            existing.Dispose();
        }

        var created = CreateSelfSigned(console.Address, now);
        WritePrivate(path, created.Export(X509ContentType.Pkcs12));
        var address = console.Address.ToString();
        ConsoleLog.CertificateCreated(logger, path, address, created.NotAfter);
        return created;
    }

    private static X509Certificate2 CreateSelfSigned(IPAddress address, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=SmartCampus.Edge console", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(address);
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));

        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.Add(Validity));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
    }

    private static bool Covers(X509Certificate2 certificate, IPAddress address)
    {
        var extension = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        return extension is not null && extension.EnumerateIPAddresses().Contains(address);
    }

    private static void WritePrivate(string path, byte[] content) => PrivateFile.Write(path, content);
}
