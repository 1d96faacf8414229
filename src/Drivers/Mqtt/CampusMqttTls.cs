using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;

namespace SmartCampus.Edge.Drivers.Mqtt;

/// <summary>
/// TLS of the gateway's MQTT client to an external campus broker. The files are read once, when the connection is
/// set up, so that a missing or unreadable file stops the start with a message naming the key and the path. The
/// broker's certificate must name the configured host and chain to the configured CA, or to the system trust store
/// when no CA file is given. The reason of the last refused certificate is kept for the operator's error text.
/// </summary>
public sealed class CampusMqttTls
{
    private readonly string _host;
    private readonly X509Certificate2Collection? _authorities;
    private readonly X509Certificate2? _clientCertificate;
    private int _lastRejection = -1;

    private CampusMqttTls(string host, X509Certificate2Collection? authorities, X509Certificate2? clientCertificate)
    {
        _host = host;
        _authorities = authorities;
        _clientCertificate = clientCertificate;
    }

    /// <summary>Reason of the last refused broker certificate, or null when none was refused since <see cref="ClearRejection"/>.</summary>
    public CampusTlsRejection? LastRejection
    {
        get
        {
            var value = Volatile.Read(ref _lastRejection);
            return value < 0 ? null : (CampusTlsRejection)value;
        }
    }

    /// <summary>Subject of the last refused broker certificate, for the log.</summary>
    public string? LastRejectedSubject { get; private set; }

    /// <summary>Reads the CA and client certificate files; null when <see cref="CampusMqttOptions.UseTls"/> is off.</summary>
    /// <exception cref="InvalidOperationException">A file is missing, unreadable or holds no usable PEM; the message names the key, the path and the fix.</exception>
    public static CampusMqttTls? Create(CampusMqttOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.UseTls)
        {
            return null;
        }

        X509Certificate2Collection? authorities = null;
        if (!string.IsNullOrEmpty(options.TlsCaFile))
        {
            var caFile = options.TlsCaFile;
            authorities = ReadFile("tlsCaFile", caFile, () =>
            {
                var certificates = new X509Certificate2Collection();
                certificates.ImportFromPemFile(caFile);
                return certificates.Count > 0 ? certificates : throw new InvalidDataException("no PEM certificate in the file");
            });
        }

        X509Certificate2? client = null;
        if (!string.IsNullOrEmpty(options.TlsClientCertificateFile))
        {
            var certificateFile = options.TlsClientCertificateFile;
            var keyFile = string.IsNullOrEmpty(options.TlsClientKeyFile) ? null : options.TlsClientKeyFile;
            client = ReadFile(keyFile is null ? "tlsClientCertificateFile" : "tlsClientKeyFile", keyFile ?? certificateFile, () =>
            {
                using var pem = X509Certificate2.CreateFromPemFile(certificateFile, keyFile);

                // SslStream cannot present the ephemeral key of a PEM certificate on every platform; a PKCS#12 copy works.
                return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), password: null);
            });
        }

        return new CampusMqttTls(options.Host, authorities, client);
    }

    /// <summary>Turns TLS on in <paramref name="builder"/>, with the target host for SNI and the name check.</summary>
    public MqttClientOptionsBuilder Apply(MqttClientOptionsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithTlsOptions(tls =>
        {
            tls.UseTls().WithTargetHost(_host).WithCertificateValidationHandler(args => Check(args.Certificate, args.SslPolicyErrors));
            if (_clientCertificate is not null)
            {
                tls.WithClientCertificates(new X509Certificate2Collection(_clientCertificate));
            }
        });
    }

    /// <summary>Forgets the last refusal before a new connection attempt.</summary>
    public void ClearRejection()
    {
        Volatile.Write(ref _lastRejection, -1);
        LastRejectedSubject = null;
    }

    /// <summary>
    /// Accepts the certificate when it names the host and its chain ends in a configured CA (or the system store).
    /// NOTE: revocation is not checked, because school networks often cannot reach CRL or OCSP servers.
    /// </summary>
    internal bool Check(X509Certificate? certificate, SslPolicyErrors errors)
    {
        var rejection = Judge(certificate, errors);
        if (rejection is null)
        {
            return true;
        }

        LastRejectedSubject = certificate?.Subject;
        Volatile.Write(ref _lastRejection, (int)rejection.Value);
        return false;
    }

    private CampusTlsRejection? Judge(X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return CampusTlsRejection.NoCertificate;
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return CampusTlsRejection.NameMismatch;
        }

        if (_authorities is null)
        {
            return errors == SslPolicyErrors.None ? null : CampusTlsRejection.Untrusted;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var presented = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(presented) ? null : CampusTlsRejection.Untrusted;
    }

    private static T ReadFile<T>(string key, string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or CryptographicException or InvalidDataException or ArgumentException)
        {
            throw new InvalidOperationException(CampusMqttText.TlsFileUnusable(key, path, exception.Message), exception);
        }
    }
}
