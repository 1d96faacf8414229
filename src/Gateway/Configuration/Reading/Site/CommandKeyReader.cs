using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Resources;
using SmartCampus.Edge.Sync.Downlink;

namespace SmartCampus.Edge.Gateway.Configuration.Reading.Site;

/// <summary>
/// Checks the key in <c>district.commandKeyFile</c>, so that <c>check</c> and the start report a bad key
/// as a configuration error instead of the command processor failing while the host starts.
/// </summary>
internal static class CommandKeyReader
{
    /// <summary>Checks the key in <paramref name="path"/>; returns the path, or null after reporting why the key is unusable.</summary>
    public static string? Check(ValueReader value, string? path)
    {
        if (path is null)
        {
            return null;
        }

        string text;
        try
        {
            text = File.ReadAllText(path).Trim();
        }
        catch (Exception exception) when (exception is UnauthorizedAccessException or IOException)
        {
            value.Report(ConfigurationProblemKind.FileUnreadable, value.RawText, new ProblemMessage(MessageKeys.KeyFileUnreadable, path, exception.Message));
            return null;
        }

        var key = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, key, out var length))
        {
            value.Report(ConfigurationProblemKind.InvalidValue, value.RawText, new ProblemMessage(MessageKeys.CommandKeyNotBase64, path, DownlinkSignature.MinimumKeyBytes));
            return null;
        }

        if (length < DownlinkSignature.MinimumKeyBytes)
        {
            value.Report(ConfigurationProblemKind.InvalidValue, value.RawText, new ProblemMessage(MessageKeys.CommandKeyTooShort, path, length, DownlinkSignature.MinimumKeyBytes));
            return null;
        }

        return path;
    }
}
