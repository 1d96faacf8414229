using Microsoft.Extensions.Logging;

namespace SmartCampus.Edge.Sync.Uplink;

/// <summary>Checks the permissions of files that hold secrets (credentials, private keys, the downlink key).</summary>
internal static class ProtectedFile
{
    private const UnixFileMode OthersMayRead =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

    /// <summary>Returns true and logs a warning when group or others may read or write the file (Unix only).</summary>
    public static bool WarnIfReadableByOthers(string path, string purpose, ILogger logger)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(path))
        {
            return false;
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & OthersMayRead) == 0)
        {
            return false;
        }

        UplinkLog.SecretFileOpen(logger, purpose, path, Convert.ToString((int)mode, 8));
        return true;
    }
}
