namespace SmartCampus.Edge.Drivers.Mqtt;

/// <summary>Reason why the gateway rejected the campus broker's TLS certificate.</summary>
public enum CampusTlsRejection
{
    /// <summary>The broker sent no certificate.</summary>
    NoCertificate,

    /// <summary>The certificate names neither the configured host name nor its IP address.</summary>
    NameMismatch,

    /// <summary>The chain does not end in the configured CA (or, without one, in the system trust store), or a certificate in it expired.</summary>
    Untrusted,
}
