using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SmartCampus.Edge.Drivers.Tests.Mqtt;

/// <summary>
/// A throwaway CA in a temp folder that issues server and client certificates as PEM files, for Mosquitto's
/// <c>cafile</c>/<c>certfile</c>/<c>keyfile</c> and the gateway's TLS settings. Dispose deletes the folder.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private readonly ECDsa _caKey;
    private readonly X509Certificate2 _ca;

    public TestCertificates(string name)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("campus-tls-").FullName;
        _caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name} test CA", _caKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        _ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        CaFile = Path.Combine(Directory, "ca.pem");
        File.WriteAllText(CaFile, _ca.ExportCertificatePem());
    }

    public string Directory { get; }

    public string CaFile { get; }

    /// <summary>Writes a server certificate for 127.0.0.1 (or the given DNS name only) and its key; returns both paths.</summary>
    public (string Certificate, string Key) IssueServer(string file, string? dnsNameOnly = null)
    {
        var names = new SubjectAlternativeNameBuilder();
        if (dnsNameOnly is null)
        {
            names.AddIpAddress(IPAddress.Loopback);
        }
        else
        {
            names.AddDnsName(dnsNameOnly);
        }

        return Issue(file, "CN=campus-broker", names.Build(), new Oid("1.3.6.1.5.5.7.3.1"));
    }

    public (string Certificate, string Key) IssueClient(string file) =>
        Issue(file, "CN=gateway", null, new Oid("1.3.6.1.5.5.7.3.2"));

    public void Dispose()
    {
        _ca.Dispose();
        _caKey.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private (string Certificate, string Key) Issue(string file, string subject, X509Extension? names, Oid usage)
    {
        // RSA keys, because Mosquitto's OpenSSL reads a PKCS#8 RSA key on every Debian release in use.
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_ca, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        if (names is not null)
        {
            request.CertificateExtensions.Add(names);
        }

        var serial = RandomNumberGenerator.GetBytes(12);
        using var certificate = request.Create(_ca.SubjectName, X509SignatureGenerator.CreateForECDsa(_caKey), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(12), serial);
        var certificatePath = Path.Combine(Directory, file + ".pem");
        var keyPath = Path.Combine(Directory, file + ".key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath);
    }
}
