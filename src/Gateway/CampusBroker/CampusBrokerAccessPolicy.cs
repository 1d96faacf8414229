using System.Security.Cryptography;
using System.Text;

namespace SmartCampus.Edge.Gateway.CampusBroker;

/// <summary>Authentication and topic access of the campus broker's accounts.</summary>
internal sealed class CampusBrokerAccessPolicy
{
    private readonly Dictionary<string, (CampusBrokerAccount Account, byte[] PasswordHash)> _accounts = new(StringComparer.Ordinal);

    // User name -> SHA-256 of the password that last passed PBKDF2, so that reconnects do not pay the work factor again.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> _verified = new(StringComparer.Ordinal);

    // Compared against when the user name is unknown, so that unknown and known names take the same time.
    private readonly byte[] _unknownUserHash = SHA256.HashData(Encoding.UTF8.GetBytes(Guid.NewGuid().ToString("N")));

    public CampusBrokerAccessPolicy(IEnumerable<CampusBrokerAccount> accounts)
    {
        foreach (var account in accounts)
        {
            var digest = account.IsHashed ? [] : SHA256.HashData(Encoding.UTF8.GetBytes(account.Password));
            _accounts.Add(account.Username, (account, digest));
        }
    }

    /// <summary>
    /// Returns the account when user name and password match. Plain-text passwords are compared as SHA-256
    /// digests with <see cref="CryptographicOperations.FixedTimeEquals"/>, so the time taken reveals neither
    /// content nor length; hashed ones go through PBKDF2 once and are then compared against the cached digest.
    /// </summary>
    public CampusBrokerAccount? Authenticate(string? username, byte[]? password)
    {
        if (string.IsNullOrEmpty(username) || password is null || password.Length == 0)
        {
            return null;
        }

        var digest = SHA256.HashData(password);
        if (!_accounts.TryGetValue(username, out var entry))
        {
            CryptographicOperations.FixedTimeEquals(digest, _unknownUserHash);
            return null;
        }

        if (!entry.Account.IsHashed)
        {
            return CryptographicOperations.FixedTimeEquals(digest, entry.PasswordHash) ? entry.Account : null;
        }

        if (_verified.TryGetValue(username, out var cached) && CryptographicOperations.FixedTimeEquals(digest, cached))
        {
            return entry.Account;
        }

        if (!CampusPasswordHash.Verify(entry.Account.Password, password))
        {
            return null;
        }

        _verified[username] = digest;
        return entry.Account;
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
