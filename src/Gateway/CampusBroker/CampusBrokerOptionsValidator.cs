using System.Net;

namespace SmartCampus.Edge.Gateway.CampusBroker;

/// <summary>Checks the campus broker's options and lists every problem at once.</summary>
internal static class CampusBrokerOptionsValidator
{
    public static void ThrowIfInvalid(CampusBrokerOptions options)
    {
        var problems = new List<string>();

        if (options.ListenAddress is null)
        {
            problems.Add(CampusBrokerText.ListenAddressMissing);
        }

        var wildcards = options.ListenAddresses.Where(a => a.Equals(IPAddress.Any) || a.Equals(IPAddress.IPv6Any)).ToList();
        if (wildcards.Count > 0 && options.ListenAddresses.Count > 1)
        {
            problems.Add(CampusBrokerText.ListenWildcardWithOthers(wildcards[0]));
        }

        foreach (var address in options.ListenAddresses.GroupBy(a => a).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            problems.Add(CampusBrokerText.ListenAddressTwice(address));
        }

        if (options.Port is < 0 or > 65535)
        {
            problems.Add(CampusBrokerText.PortInvalid(options.Port));
        }

        if (options.TlsPort is < 0 or > 65535)
        {
            problems.Add(CampusBrokerText.TlsPortInvalid(options.TlsPort));
        }

        if (!options.PlainTextEnabled && options.TlsCertificatePath is null)
        {
            problems.Add(CampusBrokerText.NoListener);
        }

        if (options.MaxPendingMessagesPerClient < 1)
        {
            problems.Add(CampusBrokerText.MaxPendingInvalid(options.MaxPendingMessagesPerClient));
        }

        if (options.Accounts.Count == 0)
        {
            problems.Add(CampusBrokerText.NoAccounts);
        }

        var duplicates = options.Accounts
            .GroupBy(a => a.Username, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => g.Key);
        foreach (var username in duplicates)
        {
            problems.Add(CampusBrokerText.DuplicateAccount(username));
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException(CampusBrokerText.Invalid(string.Join(" ", problems)), nameof(options));
        }
    }
}
