using System.Globalization;
using System.Text.RegularExpressions;

namespace SmartCampus.Edge.Gateway.Configuration.Loading;

/// <summary>
/// Recognises the common ways a host value is written wrong, so that the problem can name the fix: an IPv4 address
/// that is not one, a host with a port in it, a malformed IPv6 address and full-width characters.
/// </summary>
internal static partial class HostText
{
    /// <summary>
    /// True for text that can only be meant as an IPv4 address but is not four numbers 0 to 255. The last label of a
    /// host name is never all digits (RFC 3696 §2: a top-level domain is not all-numeric), so such text is an
    /// address attempt, including a letter O typed for a zero (192.168.1O.5).
    /// </summary>
    public static bool IsMistypedIpv4(string host)
    {
        // A colon makes it IPv6 text (::ffff:192.168.10.21 ends in IPv4) or host:port; Uri.CheckHostName judges those.
        if (host.Contains(':', StringComparison.Ordinal))
        {
            return false;
        }

        var labels = host.Split('.');
        if (labels.Length < 2 || !IsDecimal(labels[^1]))
        {
            return false;
        }

        var isAddress = labels.Length == 4
            && labels.All(label => IsDecimal(label) && label.Length <= 3 && int.Parse(label, CultureInfo.InvariantCulture) <= 255);
        return !isAddress;
    }

    /// <summary>
    /// Splits "host:port" or "[IPv6]:port" when the part before the port is a valid host. An IPv6 address without
    /// brackets is never split, because "fe80::1:502" is a valid address and not fe80::1 with port 502.
    /// </summary>
    public static bool TrySplitPort(string text, out string host, out string port)
    {
        var match = HostWithPortPattern().Match(text);
        host = match.Groups["bracketed"].Success ? match.Groups["bracketed"].Value : match.Groups["host"].Value;
        port = match.Groups["port"].Value;
        if (!match.Success)
        {
            return false;
        }

        var kind = Uri.CheckHostName(host);
        return match.Groups["bracketed"].Success ? kind == UriHostNameType.IPv6 : kind is UriHostNameType.Dns or UriHostNameType.IPv4;
    }

    /// <summary>
    /// True for text made only of what an IPv6 address is written with (hex digits, colons, dots for an embedded IPv4
    /// address, brackets, a %zone) and containing a colon or a bracket, such as "fe80::1::2" or "[::1".
    /// </summary>
    public static bool IsIpv6Attempt(string text) => Ipv6AttemptPattern().IsMatch(text);

    /// <summary>
    /// Returns the first full-width character of <paramref name="text"/> (U+FF01–U+FF5E, the ideographic full stop 。
    /// or the ideographic space) and the whole text in half-width form, or null when there is none. A Chinese input
    /// method types these in place of the ASCII characters, and Uri.CheckHostName accepts them as parts of an
    /// internationalised domain name, so "192.168.1.20：502" would otherwise pass as a host name.
    /// </summary>
    public static char? FindFullWidth(string text, out string halfWidth)
    {
        char? first = null;
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var half = ToHalfWidth(chars[i]);
            if (half != chars[i])
            {
                first ??= chars[i];
                chars[i] = half;
            }
        }

        halfWidth = new string(chars);
        return first;
    }

    /// <summary>
    /// Returns the part of an IPv6 attempt that breaks RFC 4291 §2.2: "::" written more than once, or a group of more
    /// than four hexadecimal digits. Returns null when the fault is elsewhere (too many groups, a stray character).
    /// </summary>
    public static Ipv6Fault? FindIpv6Fault(string text)
    {
        var address = text.Trim('[', ']');
        var zone = address.IndexOf('%', StringComparison.Ordinal);
        if (zone >= 0)
        {
            address = address[..zone];
        }

        var doubleColons = Ipv6DoubleColonPattern().Count(address);
        if (doubleColons > 1)
        {
            return new Ipv6Fault(null, doubleColons);
        }

        var longGroup = address.Split(':').FirstOrDefault(group => group.Length > 4 && !group.Contains('.', StringComparison.Ordinal));
        return longGroup is null ? null : new Ipv6Fault(longGroup, doubleColons);
    }

    private static char ToHalfWidth(char c) => c switch
    {
        >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
        '\u3002' => '.',
        '\u3000' => ' ',
        _ => c,
    };

    private static bool IsDecimal(string label) => label.Length > 0 && label.All(char.IsAsciiDigit);

    [GeneratedRegex(@"^(?:\[(?<bracketed>[^\[\]]+)\]|(?<host>[^:\[\]]+)):(?<port>[0-9]{1,5})$", RegexOptions.CultureInvariant)]
    private static partial Regex HostWithPortPattern();

    [GeneratedRegex(@"^(?=.*[:\[\]])\[?[0-9A-Fa-f:.]+(?:%[A-Za-z0-9_.-]+)?\]?$", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv6AttemptPattern();

    // "::" not followed by another colon, so that ":::" counts once; Uri.CheckHostName rejects it anyway.
    [GeneratedRegex("::(?!:)", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv6DoubleColonPattern();
}
