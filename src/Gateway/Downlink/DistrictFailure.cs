using System.Globalization;
using SmartCampus.Edge.Sync.Uplink;

namespace SmartCampus.Edge.Gateway.Downlink;

/// <summary>
/// Rollback reason for a configuration whose trial never reached the district, with the keys of <c>campus.yaml</c>
/// that the last connection error points to.
/// </summary>
internal static class DistrictFailure
{
    public static string Describe(UplinkState state, CultureInfo culture)
    {
        var error = state.LastError ?? DownlinkText.Format(culture, "NoErrorYet");
        return DownlinkText.Format(culture, "RollbackDistrictUnreachable", (int)ConfigurationTrial.ConfirmAfter.TotalSeconds, error, KeysToCheck(state.LastError));
    }

    /// <summary>
    /// Maps the connection error to keys. The MQTT CONNACK reason codes (NotAuthorized, BadUserNameOrPassword) appear
    /// in MQTTnet's exception text; TLS failures name the certificate. Anything else is most likely host or port.
    /// </summary>
    private static string KeysToCheck(string? error)
    {
        if (error is null)
        {
            return "district.host, district.port";
        }

        if (Contains(error, "NotAuthorized") || Contains(error, "BadUserNameOrPassword") || Contains(error, "Not authorized"))
        {
            return "district.username, district.passwordFile";
        }

        if (Contains(error, "certificate") || Contains(error, "SSL") || Contains(error, "TLS"))
        {
            return "district.tls, district.tlsCaFile, district.tlsClientCertificateFile";
        }

        return "district.host, district.port";
    }

    private static bool Contains(string text, string fragment) => text.Contains(fragment, StringComparison.OrdinalIgnoreCase);
}
