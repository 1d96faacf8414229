using System.Security.Cryptography;
using System.Text;

namespace SmartCampus.Edge.Sync.Downlink;

/// <summary>
/// HMAC-SHA256 of a command, base64. The signed text binds the command to this gateway, so a command signed for
/// one gateway is rejected by all others: "{school}/{gateway}\n{id}\n{type}\n{issuedAt}\n{expiresAt}\n{payload}",
/// where issuedAt and expiresAt are the strings as sent and payload is the JSON text of "payload" as sent.
/// </summary>
public static class DownlinkSignature
{
    /// <summary>
    /// Shortest key accepted, in bytes: RFC 2104 §3 advises an HMAC key no shorter than the hash output, which is 32
    /// bytes for SHA-256.
    /// </summary>
    public const int MinimumKeyBytes = 32;

    public static string Compute(byte[] key, string schoolId, string gatewayId, string id, string type, string issuedAt, string expiresAt, string payloadJson)
    {
        ArgumentNullException.ThrowIfNull(key);
        var text = $"{schoolId}/{gatewayId}\n{id}\n{type}\n{issuedAt}\n{expiresAt}\n{payloadJson}";
        return Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Compares in constant time, so the time taken does not reveal how much of a forged signature matched.</summary>
    public static bool Matches(string expected, string? actual) =>
        actual is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(actual));
}
