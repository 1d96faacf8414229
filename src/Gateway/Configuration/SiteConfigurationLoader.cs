using System.Globalization;
using System.Text;
using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Reading.Site;
using SmartCampus.Edge.Gateway.Configuration.Resources;
using SmartCampus.Edge.Gateway.Configuration.Validation;
using YamlDotNet.Core;

namespace SmartCampus.Edge.Gateway.Configuration;

/// <summary>
/// Loads and validates the site configuration (campus.yaml) as a whole. A missing or unreadable file, a YAML syntax
/// error and every invalid value become problems in the result. Only a null or empty argument throws.
/// </summary>
public static class SiteConfigurationLoader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Loads the file at <paramref name="path"/>; relative paths inside it resolve against its folder.
    /// <paramref name="messageCulture"/> overrides the language of the messages (see <see cref="LoadFromText"/>).
    /// </summary>
    public static SiteConfigurationLoadResult Load(string path, CultureInfo? messageCulture = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);

        var problems = new ProblemCollector();
        var text = ReadFile(path, problems);
        if (text is null)
        {
            var culture = MessageCultureResolver.Resolve(messageCulture, root: null);
            return new SiteConfigurationLoadResult(path, culture, null, problems.ToProblems(culture, _ => null), null);
        }

        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? Directory.GetCurrentDirectory();
        return LoadFromText(text, path, baseDirectory, messageCulture);
    }

    /// <summary>
    /// Validates configuration text. <paramref name="sourceName"/> names it in reports; relative paths in it resolve
    /// against <paramref name="baseDirectory"/>. Messages are in <paramref name="messageCulture"/> when given, else
    /// in the file's gateway.language, else in <see cref="CultureInfo.CurrentUICulture"/>.
    /// </summary>
    public static SiteConfigurationLoadResult LoadFromText(string yaml, string sourceName, string baseDirectory, CultureInfo? messageCulture = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentException.ThrowIfNullOrEmpty(baseDirectory);

        var problems = new ProblemCollector();
        var root = YamlTextParser.Parse(yaml, problems);
        var culture = MessageCultureResolver.Resolve(messageCulture, root, yaml);
        var context = new ReadContext(problems, Path.GetFullPath(baseDirectory));
        var site = root is null ? null : SiteReader.Read(new MappingReader(root, string.Empty, context));

        var list = problems.ToProblems(culture, context.Devices.DeviceIdOfPath);
        var configuration = list.Count == 0 ? site : null;
        var partial = PartialConfigurationBuilder.Build(site, list);
        return new SiteConfigurationLoadResult(sourceName, culture, configuration, list, partial, context.Positions);
    }

    /// <summary>Returns the file's text, or null after reporting why it cannot be read.</summary>
    private static string? ReadFile(string path, ProblemCollector problems)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            problems.AddForFile(ConfigurationProblemKind.FileNotFound, new ProblemMessage(MessageKeys.FileNotFound, path));
            return null;
        }
        catch (UnauthorizedAccessException) when (Directory.Exists(path))
        {
            // .NET reports a folder as "Access to the path is denied", which sends the technician after permissions.
            problems.AddForFile(ConfigurationProblemKind.FileUnreadable, new ProblemMessage(MessageKeys.FileIsDirectory, path));
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            problems.AddForFile(ConfigurationProblemKind.FileUnreadable, new ProblemMessage(MessageKeys.FileAccessDenied, path));
            return null;
        }
        catch (Exception exception) when (exception is IOException or NotSupportedException)
        {
            problems.AddForFile(ConfigurationProblemKind.FileUnreadable, new ProblemMessage(MessageKeys.FileUnreadable, path, exception.Message));
            return null;
        }

        return DecodeUtf8(bytes, problems);
    }

    /// <summary>
    /// Decodes strict UTF-8 and drops a byte order mark. Editors on Chinese Windows often save GBK, which would
    /// otherwise turn every Chinese name and notice into replacement characters without a word.
    /// </summary>
    private static string? DecodeUtf8(byte[] bytes, ProblemCollector problems)
    {
        try
        {
            return StrictUtf8.GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException exception)
        {
            var offset = Math.Clamp(exception.Index, 0, bytes.Length);
            var line = 1 + bytes.AsSpan(0, offset).Count((byte)'\n');
            var column = offset - bytes.AsSpan(0, offset).LastIndexOf((byte)'\n');
            var message = new ProblemMessage(MessageKeys.NotUtf8, offset);
            problems.Add(ConfigurationProblemKind.SyntaxError, new Mark(offset, line, column), string.Empty, null, message);
            return null;
        }
    }
}
