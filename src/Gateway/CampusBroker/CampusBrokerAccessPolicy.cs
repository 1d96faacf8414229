using System.Security.Cryptography;
using System.Text;

namespace SmartCampus.Edge.Gateway.CampusBroker;

/// <summary>Authentication and topic access of the campus broker's accounts.</summary>
internal sealed class CampusBrokerAccessPolicy
{
    private readonly Dictionary<string, (CampusBrokerAccount Account, byte[] PasswordHash)> _accounts = new(StringComparer.Ordinal);

    // Compared against when the user name is unknown, so that unknown and known names take the same time.
    private readonly byte[] _unknownUserHash = SHA256.HashData(Encoding.UTF8.GetBytes(Guid.NewGuid().ToString("N")));

    public CampusBrokerAccessPolicy(IEnumerable<CampusBrokerAccount> accounts)
    {
        foreach (var account in accounts)
        {
            _accounts.Add(account.Username, (account, SHA256.HashData(Encoding.UTF8.GetBytes(account.Password))));
        }
    }

    /// <summary>
    /// Returns the account when user name and password match. Both sides are hashed to 32 bytes first and compared
    /// with <see cref="CryptographicOperations.FixedTimeEquals"/>, so the time taken reveals neither content nor length.
    /// </summary>
    public CampusBrokerAccount? Authenticate(string? username, byte[]? password)
    {
        if (string.IsNullOrEmpty(username) || password is null || password.Length == 0)
        {
            return null;
        }

        var known = _accounts.TryGetValue(username, out var entry);
        var expected = known ? entry.PasswordHash : _unknownUserHash;
        var matches = CryptographicOperations.FixedTimeEquals(SHA256.HashData(password), expected);
        return known && matches ? entry.Account : null;
    }

    public CampusBrokerAccount? Find(string? username) =>
        username is not null && _accounts.TryGetValue(username, out var entry) ? entry.Account : null;

    /// <summary>An account without prefix may publish anywhere; others only on topics under their prefix.</summary>
    public static bool MayPublish(CampusBrokerAccount account, string topic) =>
        account.AllowedTopicPrefix is null || topic.StartsWith(account.AllowedTopicPrefix, StringComparison.Ordinal);

    /// <summary>
    /// A limited account may subscribe only to filters that start with its prefix literally. A wildcard or a
    /// <c>$share/</c> group before the prefix does not match, so "campus/boards/+/notice" and "#" are rejected.
    /// </summary>
    public static bool MaySubscribe(CampusBrokerAccount account, string topicFilter) =>
        account.AllowedTopicPrefix is null || topicFilter.StartsWith(account.AllowedTopicPrefix, StringComparison.Ordinal);
}
