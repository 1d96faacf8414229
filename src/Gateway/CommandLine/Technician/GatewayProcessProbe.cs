using SmartCampus.Edge.Gateway.Hosting;

namespace SmartCampus.Edge.Gateway.CommandLine.Technician;

/// <summary>
/// Tells whether a gateway process holds the data folder's instance lock, without creating or changing anything:
/// the lock file is opened only when it exists, and closed again at once.
/// </summary>
internal static class GatewayProcessProbe
{
    public static bool IsRunning(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, InstanceLock.FileName);
        if (!File.Exists(path))
        {
            return false;
        }

        try
        {
            // FileShare.None takes flock(LOCK_EX | LOCK_NB), which fails while the gateway holds its lock.
            using var probe = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None);
            return false;
        }
        catch (IOException exception) when (exception.GetType() == typeof(IOException))
        {
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            // Not readable by this user: the probe cannot tell, and the command that follows reports its own error.
            return false;
        }
    }
}
