using System.Globalization;
using System.Net;
using System.Resources;

namespace SmartCampus.Edge.Gateway.CampusBroker;

/// <summary>Operator-facing campus broker messages from CampusBrokerText.resx, in the current UI culture.</summary>
internal static class CampusBrokerText
{
    private static readonly ResourceManager Resources = new(typeof(CampusBrokerText));

    public static string Invalid(string problems) => Format(nameof(Invalid), problems);

    public static string ListenAddressMissing => Get(nameof(ListenAddressMissing));

    public static string PortInvalid(int port) => Format(nameof(PortInvalid), port);

    public static string MaxPendingInvalid(int limit) => Format(nameof(MaxPendingInvalid), limit);

    public static string NoAccounts => Get(nameof(NoAccounts));

    public static string DuplicateAccount(string username) => Format(nameof(DuplicateAccount), username);

    public static string ListenFailed(IPAddress address, int port, string reason) => Format(nameof(ListenFailed), address, port, reason);

    public static string CertificateFailed(string path, string reason) => Format(nameof(CertificateFailed), path, reason);

    public static string TlsPortInvalid(int port) => Format(nameof(TlsPortInvalid), port);

    public static string NoListener => Get(nameof(NoListener));

    public static string ListenWildcardWithOthers(IPAddress wildcard) => Format(nameof(ListenWildcardWithOthers), wildcard);

    public static string ListenAddressTwice(IPAddress address) => Format(nameof(ListenAddressTwice), address);

    private static string Get(string key) =>
        Resources.GetString(key, CultureInfo.CurrentUICulture) ?? throw new MissingManifestResourceException($"CampusBrokerText.{key} is missing.");

    private static string Format(string key, params object[] arguments) =>
        string.Format(CultureInfo.CurrentCulture, Get(key), arguments);
}
