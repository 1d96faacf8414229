using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SmartCampus.Edge.Gateway.CampusBroker;

/// <summary>
/// Password hashes for campus broker accounts, in the text form
/// <c>pbkdf2-sha256${iterations}${salt}${hash}</c>: PBKDF2 with HMAC-SHA256 (RFC 8018 §5.2), iterations in
/// decimal, salt and derived key in standard Base64 with padding. The salt is 16 random bytes, the key 32 bytes.
/// </summary>
public static class CampusPasswordHash
{
    public const string Prefix = "pbkdf2-sha256$";

    /// <summary>
    /// Default work factor. It is lower than OWASP's 600,000 for PBKDF2-SHA256 because a Raspberry Pi verifies
    /// every board after a broker restart. Verified logins are cached, so only the first login per account pays.
    /// </summary>
    public const int DefaultIterations = 100_000;

    /// <summary>Fewer iterations than this are refused, so that a hash cannot be made cheap by editing the configuration.</summary>
    public const int MinIterations = 10_000;

    private const int SaltBytes = 16;
    private const int KeyBytes = 32;

    /// <summary>Hashes <paramref name="password"/> with a new random salt; the result goes into the site configuration.</summary>
    public static string Create(string password, int iterations = DefaultIterations)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, MinIterations);

        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var key = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, KeyBytes);
        return string.Create(CultureInfo.InvariantCulture, $"{Prefix}{iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(key)}");
    }

    /// <summary>True when <paramref name="text"/> is a well-formed hash in the format above.</summary>
    public static bool IsValid(string? text) => TryParse(text, out _, out _, out _);

    /// <summary>Checks <paramref name="password"/> (UTF-8 bytes as sent in CONNECT) against <paramref name="hash"/> in constant time.</summary>
    public static bool Verify(string hash, ReadOnlySpan<byte> password)
    {
        if (!TryParse(hash, out var iterations, out var salt, out var expected))
        {
            return false;
        }

        var actual = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    internal static bool TryParse(string? text, out int iterations, out byte[] salt, out byte[] key)
    {
        iterations = 0;
        salt = [];
        key = [];
        if (text is null || !text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = text[Prefix.Length..].Split('$');
        if (parts.Length != 3
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out iterations)
            || iterations < MinIterations)
        {
            return false;
        }

        try
        {
            salt = Convert.FromBase64String(parts[1]);
            key = Convert.FromBase64String(parts[2]);
        }
        catch (FormatException)
        {
            return false;
        }

        return salt.Length >= 8 && key.Length >= 16;
    }
}
