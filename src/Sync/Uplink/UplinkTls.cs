using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using SmartCampus.Edge.Sync.Resources;

namespace SmartCampus.Edge.Sync.Uplink;

/// <summary>
/// TLS material of the uplink: the CA certificates that sign the district broker's certificate (a private CA, or
/// the system trust store when none is given) and an optional client certificate with its private key, from PEM files.
/// </summary>
internal sealed class UplinkTls
{
    private UplinkTls(X509Certificate2Collection? authorities, X509Certificate2? clientCertificate)
    {
        Authorities = authorities;
        ClientCertificate = clientCertificate;
    }

    public X509Certificate2Collection? Authorities { get; }

    public X509Certificate2? ClientCertificate { get; }

    public static UplinkTls Load(UplinkOptions options)
    {
        X509Certificate2Collection? authorities = null;
        if (!string.IsNullOrEmpty(options.TlsCaFile))
        {
            authorities = Read(nameof(UplinkOptions.TlsCaFile), options.TlsCaFile, () =>
            {
                var certificates = new X509Certificate2Collection();
                certificates.ImportFromPemFile(options.TlsCaFile);
                return certificates.Count > 0 ? certificates : throw new InvalidDataException("the file contains no PEM certificate");
            });
        }

        X509Certificate2? client = null;
        if (!string.IsNullOrEmpty(options.TlsClientCertificateFile))
        {
            var keyFile = string.IsNullOrEmpty(options.TlsClientKeyFile) ? null : options.TlsClientKeyFile;
            client = Read(nameof(UplinkOptions.TlsClientCertificateFile), options.TlsClientCertificateFile, () =>
            {
                using var pem = X509Certificate2.CreateFromPemFile(options.TlsClientCertificateFile, keyFile);

                // SslStream on Windows cannot use the ephemeral key CreateFromPemFile returns; a PKCS#12 copy works everywhere.
                return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), password: null);
            });
        }

        return new UplinkTls(authorities, client);
    }

    /// <summary>
    /// Checks the broker's certificate: the host name must match, and the chain must end in one of
    /// <see cref="Authorities"/> (or in the system trust store when there are none).
    /// NOTE: revocation is not checked, because school gateways often cannot reach CRL or OCSP servers.
    /// </summary>
    public bool Validate(X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return false;
        }

        if (Authorities is null)
        {
            return errors == SslPolicyErrors.None;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(Authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;

        using var server = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(server);
    }

    private static T Read<T>(string option, string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or InvalidDataException or ArgumentException)
        {
            throw new InvalidOperationException(SyncText.Format(SyncText.UplinkFileUnusable, option, path, exception.Message), exception);
        }
    }
}
