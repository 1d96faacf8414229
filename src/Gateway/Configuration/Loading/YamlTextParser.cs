using SmartCampus.Edge.Gateway.Configuration.Resources;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SmartCampus.Edge.Gateway.Configuration.Loading;

/// <summary>Parses configuration text into its root mapping, reporting what keeps the text from being one.</summary>
internal static class YamlTextParser
{
    private static readonly Mark FirstLine = new(0, 1, 1);

    /// <summary>Returns the root mapping, or null after reporting a syntax error, an empty file or another root.</summary>
    public static YamlMappingNode? Parse(string text, ProblemCollector problems)
    {
        var stream = new YamlStream();
        var filter = new DuplicateKeyFilter(new Parser(new StringReader(text)), problems);
        try
        {
            stream.Load(filter);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 16.3's scanner throws this, without a position, on some unclosed flow collections such as
            // "port: [15020". The end of the last event read is the closest position there is.
            var message = new ProblemMessage(MessageKeys.YamlSyntaxUnreadable);
            problems.Add(ConfigurationProblemKind.SyntaxError, filter.LastEnd, string.Empty, null, message);
            return null;
        }
        catch (ArgumentException)
        {
            // YamlDotNet 16.3's parser drops the value of a key-less entry such as "  : a" at the end of a nested
            // block mapping, and the loader then throws this, without a position, on the unbalanced events.
            var message = new ProblemMessage(MessageKeys.YamlSyntaxEmptyKey);
            problems.Add(ConfigurationProblemKind.SyntaxError, KeylessLine(text) ?? filter.LastEnd, string.Empty, null, message);
            return null;
        }
        catch (YamlException exception)
        {
            // YamlDotNet stops at the first syntax error, so at most one is reported. YamlDotNet 16.3 reports an
            // undefined alias at line 1, column 1, after the whole document is read, so the alias is looked up.
            var position = exception is AnchorNotFoundException ? AliasPosition(text, exception.Message) ?? exception.Start : exception.Start;
            if (FullWidthColonKey(text, position.Line) is { } fullWidth)
            {
                problems.Add(ConfigurationProblemKind.SyntaxError, fullWidth.Position, string.Empty, null, fullWidth.Message);
                return null;
            }

            problems.Add(ConfigurationProblemKind.SyntaxError, position, string.Empty, null, YamlSyntaxMessage.Describe(exception));
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            var message = new ProblemMessage(MessageKeys.FileEmpty, SiteSections.Required);
            problems.Add(ConfigurationProblemKind.EmptyFile, FirstLine, string.Empty, null, message);
            return null;
        }

        ReportExtraDocuments(stream, problems);
        return RootMapping(stream.Documents[0].RootNode, problems);
    }

    /// <summary>
    /// Position of the first <c>*name</c> for the anchor named in quotes in <paramref name="message"/> ("The anchor
    /// 'gw' does not exists"); null when the message or the text has none.
    /// </summary>
    private static Mark? AliasPosition(string text, string message)
    {
        var start = message.IndexOf('\'', StringComparison.Ordinal);
        var end = start < 0 ? -1 : message.IndexOf('\'', start + 1);
        if (end < 0)
        {
            return null;
        }

        var alias = "*" + message[(start + 1)..end];
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var column = lines[index].IndexOf(alias, StringComparison.Ordinal);
            if (column >= 0)
            {
                return new Mark(0, index + 1, column + 1);
            }
        }

        return null;
    }

    /// <summary>
    /// Finds a key followed by a full-width colon (U+FF1A, as a Chinese input method types it) on the reported line or
    /// the line above, because YamlDotNet often reports the error one line late. Returns null when neither line has
    /// one before any ASCII colon or '#'. The message carries the line as it should read.
    /// </summary>
    private static (Mark Position, ProblemMessage Message)? FullWidthColonKey(string text, long reportedLine)
    {
        var lines = text.Split('\n');
        for (var line = (int)Math.Min(reportedLine, int.MaxValue); line >= Math.Max(1, reportedLine - 1); line--)
        {
            if (line > lines.Length)
            {
                continue;
            }

            var content = lines[line - 1].TrimEnd('\r');
            var colon = content.IndexOf('\uFF1A', StringComparison.Ordinal);
            var end = content.IndexOfAny([':', '#']);
            if (colon > 0 && (end < 0 || colon < end))
            {
                var key = content[..colon].Trim();
                var value = content[(colon + 1)..].Trim();
                var fixedLine = value.Length == 0 ? key + ":" : key + ": " + value;
                return (new Mark(0, line, colon + 1), new ProblemMessage(MessageKeys.YamlSyntaxFullWidthColon, fixedLine));
            }
        }

        return null;
    }

    /// <summary>Start of the first line whose content begins with a colon, which is where a technician fixes it.</summary>
    private static Mark? KeylessLine(string text)
    {
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var content = lines[index].TrimStart(' ');
            if (content.StartsWith(':') && (content.Length == 1 || char.IsWhiteSpace(content[1])))
            {
                var column = lines[index].Length - content.Length + 1;
                return new Mark(0, index + 1, column);
            }
        }

        return null;
    }

    private static void ReportExtraDocuments(YamlStream stream, ProblemCollector problems)
    {
        foreach (var document in stream.Documents.Skip(1))
        {
            var message = new ProblemMessage(MessageKeys.MultipleDocuments);
            problems.Add(ConfigurationProblemKind.NotAMapping, document.RootNode.Start, string.Empty, null, message);
        }
    }

    private static YamlMappingNode? RootMapping(YamlNode root, ProblemCollector problems)
    {
        if (root is YamlMappingNode mapping)
        {
            return mapping;
        }

        var message = new ProblemMessage(MessageKeys.RootNotMapping, NodeShapes.Describe(root));
        var value = root is YamlScalarNode scalar ? scalar.Value : null;
        problems.Add(ConfigurationProblemKind.NotAMapping, root.Start, string.Empty, value, message);
        return null;
    }
}
