using System.Text.Json;
using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Sync.Resources;

namespace SmartCampus.Edge.Sync.Uplink;

/// <summary>
/// User name and password of this gateway at the district broker, read from a protected JSON file
/// ({"username": "...", "password": "..."}) so that the password stays out of the site configuration.
/// </summary>
internal sealed record UplinkCredentials(string Username, string? Password)
{
    /// <summary>Reads the file; logs a warning when group or others may read it. Throws with operator text when unusable.</summary>
    public static UplinkCredentials Load(string path, ILogger logger)
    {
        ProtectedFile.WarnIfReadableByOthers(path, "credentials", logger);

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            var username = root.TryGetProperty("username", out var user) ? user.GetString() : null;
            var password = root.TryGetProperty("password", out var secret) ? secret.GetString() : null;
            if (string.IsNullOrEmpty(username))
            {
                throw new InvalidDataException("the \"username\" field is missing or empty");
            }

            return new UplinkCredentials(username, password);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException or InvalidDataException or InvalidOperationException)
        {
            // The message never contains the file's content, so no password reaches a log or the console.
            throw new InvalidOperationException(SyncText.Format(SyncText.UplinkFileUnusable, "CredentialsFile", path, exception.Message), exception);
        }
    }
}
