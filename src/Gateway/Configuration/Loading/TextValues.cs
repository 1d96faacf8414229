using System.Text.RegularExpressions;
using SmartCampus.Edge.Gateway.Configuration.Resources;
using YamlDotNet.RepresentationModel;

namespace SmartCampus.Edge.Gateway.Configuration.Loading;

/// <summary>Readers for text, host names, secrets and ids.</summary>
internal static partial class TextValues
{
    /// <summary>
    /// Returns non-empty text; any scalar counts as text, so 201 reads as "201". <paramref name="expected"/> describes
    /// the text in messages when plain "text" is too vague, for example "a class-board id or all".
    /// </summary>
    public static string? RequiredText(this ValueReader value, string example, ProblemMessage? expected = null)
    {
        expected ??= Expect.Text;
        return NonEmpty(value, value.ScalarText(expected, example, required: true), expected, example);
    }

    public static string? OptionalText(this ValueReader value, string example) =>
        value.ScalarText(Expect.Text, example, required: false);

    /// <summary>
    /// Returns a host name or IP address. A serial device path such as /dev/ttyUSB0 is rejected. So is text written as
    /// an IPv4 address that is not one (192.168.10.256), because it would pass as a host name and fail only later, as
    /// a name that cannot be resolved. Full-width characters, a host with a port in it, a malformed IPv6 address and
    /// an unquoted [IPv6] that YAML reads as a list get their own messages.
    /// </summary>
    /// <param name="portKey">The sibling key that contains the port, named in the message for "host:port".</param>
    public static string? RequiredHost(this ValueReader value, string example, string portKey = "port")
    {
        if (value.Node is YamlSequenceNode { Children: [YamlScalarNode { Value: { } item }] } && HostText.IsIpv6Attempt(item))
        {
            value.Report(ConfigurationProblemKind.WrongType, null, new ProblemMessage(MessageKeys.HostIpv6Unquoted, value.Key, item.Trim('[', ']')));
            return null;
        }

        var host = NonEmpty(value, value.ScalarText(Expect.Host, example, required: true), Expect.Host, example);
        if (host is null)
        {
            return null;
        }

        if (HostText.FindFullWidth(host, out var halfWidth) is { } fullWidth)
        {
            ReportFullWidthHost(value, host, fullWidth, halfWidth, portKey);
            return null;
        }

        if (HostText.IsMistypedIpv4(host))
        {
            value.Report(ConfigurationProblemKind.InvalidValue, host, new ProblemMessage(MessageKeys.HostNotIpv4, host, value.Snippet(example)));
            return null;
        }

        if (Uri.CheckHostName(host) != UriHostNameType.Unknown)
        {
            return host;
        }

        if (HostText.TrySplitPort(host, out var bareHost, out var port))
        {
            ReportHostWithPort(value, host, bareHost, port, portKey, MessageKeys.HostWithPort);
        }
        else if (HostText.IsIpv6Attempt(host))
        {
            value.Report(ConfigurationProblemKind.InvalidValue, host, Ipv6Message(value, host));
        }
        else
        {
            value.ReportWrongValue(ConfigurationProblemKind.InvalidValue, host, Expect.Host, example);
        }

        return null;
    }

    /// <summary>Returns a non-empty secret; no problem ever carries the written value.</summary>
    public static string? RequiredSecret(this ValueReader value, string example) =>
        NonEmpty(value, value.ScalarText(Expect.Password, example, required: true), Expect.Password, example, hideValue: true);

    public static string? OptionalSecret(this ValueReader value, string example) =>
        value.ScalarText(Expect.Password, example, required: false);

    /// <summary>Returns an id of A-Z, a-z, 0-9, '-' and '_': the characters that are safe in point ids and topics.</summary>
    public static string? RequiredId(this ValueReader value, string example)
    {
        var id = NonEmpty(value, value.ScalarText(Expect.Id, example, required: true), Expect.Id, example);
        if (id is null || IdPattern().IsMatch(id))
        {
            return id;
        }

        var key = id.Contains('.', StringComparison.Ordinal) ? MessageKeys.InvalidIdDot : MessageKeys.InvalidId;
        value.Report(ConfigurationProblemKind.InvalidId, id, new ProblemMessage(key, id, value.Snippet(example)));
        return null;
    }

    /// <summary>Returns a school or gateway id of a-z, 0-9 and '-', as district topic levels use them.</summary>
    public static string? RequiredSiteId(this ValueReader value, string example)
    {
        var id = NonEmpty(value, value.ScalarText(Expect.SiteId, example, required: true), Expect.SiteId, example);
        if (id is null || SiteIdPattern().IsMatch(id))
        {
            return id;
        }

        value.Report(ConfigurationProblemKind.InvalidId, id, new ProblemMessage(MessageKeys.InvalidSiteId, id, value.Snippet(example)));
        return null;
    }

    /// <summary>Returns the absolute path, resolved against the configuration file's folder when relative.</summary>
    public static string? RequiredPath(this ValueReader value, string example) =>
        ResolvePath(value, NonEmpty(value, value.ScalarText(Expect.Path, example, required: true), Expect.Path, example), example);

    /// <summary>Returns the absolute path of an existing file, or null when absent or not found (reported).</summary>
    public static string? OptionalExistingFile(this ValueReader value, string example)
    {
        var path = ResolvePath(value, value.ScalarText(Expect.Path, example, required: false), example);
        if (path is not null && !File.Exists(path))
        {
            var message = new ProblemMessage(MessageKeys.FileNotFoundAtKey, path, value.Snippet(example));
            value.Report(ConfigurationProblemKind.FileNotFound, value.RawText, message);
            return null;
        }

        if (path is not null)
        {
            value.Context.Positions.AddKey(value.Path, value.Node!.Start);
        }

        return path;
    }

    private static string? ResolvePath(ValueReader value, string? path, string example)
    {
        if (path is null)
        {
            return null;
        }

        try
        {
            return value.Context.ResolvePath(path);
        }
        catch (ArgumentException)
        {
            // Only a NUL character makes a path invalid on Linux; a "\0" escape in double quotes can write one.
            value.ReportWrongValue(ConfigurationProblemKind.InvalidValue, path, Expect.Path, example);
            return null;
        }
    }

    /// <summary>
    /// Reports a full-width character by name with the half-width text. When the half-width text is host:port, the
    /// message also moves the port to its own key, as for a half-width "host:port".
    /// </summary>
    private static void ReportFullWidthHost(ValueReader value, string host, char fullWidth, string halfWidth, string portKey)
    {
        if (HostText.TrySplitPort(halfWidth, out var bareHost, out var port))
        {
            ReportHostWithPort(value, host, bareHost, port, portKey, MessageKeys.HostFullWidthWithPort, fullWidth.ToString());
            return;
        }

        value.Report(ConfigurationProblemKind.InvalidValue, host, new ProblemMessage(MessageKeys.HostFullWidth, host, fullWidth.ToString(), value.Snippet(halfWidth)));
    }

    /// <summary>
    /// Reports a port written in the host value. When the entry has no port key, this message already gives the port line
    /// to write, so the entry's own "missing port" problem is left out.
    /// </summary>
    private static void ReportHostWithPort(ValueReader value, string host, string bareHost, string port, string portKey, string messageKey, string? fullWidth = null)
    {
        var portPath = KeyPath.Child(value.Owner.Path, portKey);
        object?[] arguments = fullWidth is null
            ? [host, value.Snippet(bareHost), $"{portKey}: {port}", portPath]
            : [host, value.Snippet(bareHost), $"{portKey}: {port}", portPath, fullWidth];
        value.Report(ConfigurationProblemKind.InvalidValue, host, new ProblemMessage(messageKey, arguments));
        value.Owner.CoverMissingKey(portKey);
    }

    private static ProblemMessage Ipv6Message(ValueReader value, string host)
    {
        var example = value.Snippet("fe80::1");
        return HostText.FindIpv6Fault(host) switch
        {
            { LongGroup: { } group } => new ProblemMessage(MessageKeys.HostIpv6LongGroup, host, group, group.Length, example),
            { DoubleColonCount: var count } => new ProblemMessage(MessageKeys.HostIpv6DoubleColons, host, count, example),
            null => new ProblemMessage(MessageKeys.HostNotIpv6, host, example),
        };
    }

    private static string? NonEmpty(ValueReader value, string? text, ProblemMessage expected, string example, bool hideValue = false)
    {
        if (text is null || !string.IsNullOrWhiteSpace(text))
        {
            return text;
        }

        // A quoted "" or "  " is present but empty.
        var message = new ProblemMessage(MessageKeys.MissingValue, value.Key, expected, value.Snippet(example));
        value.Report(ConfigurationProblemKind.MissingValue, hideValue ? null : text, message);
        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[a-z0-9-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex SiteIdPattern();
}
