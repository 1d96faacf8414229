using SmartCampus.Edge.Sync.Resources;

namespace SmartCampus.Edge.Sync.ThingsBoard;

/// <summary>Reads the gateway device's access token from its protected file; the token never reaches a log or an exception message.</summary>
internal static class ThingsBoardAccessToken
{
    /// <summary>Returns the file's text without surrounding white space.</summary>
    /// <exception cref="InvalidOperationException">The file cannot be read or is empty; the message is for the technician.</exception>
    public static string Load(string path)
    {
        try
        {
            var token = File.ReadAllText(path).Trim();
            return token.Length > 0 ? token : throw new InvalidDataException("the file is empty");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException)
        {
            throw new InvalidOperationException(SyncText.Format(SyncText.UplinkFileUnusable, nameof(ThingsBoardOptions.AccessTokenFile), path, exception.Message), exception);
        }
    }
}
