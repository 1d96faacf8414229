namespace SmartCampus.Edge.Gateway.Hosting;

/// <summary>Identity of the current boot, which the monotonic clock counts from.</summary>
internal static class BootId
{
    private const string KernelBootIdPath = "/proc/sys/kernel/random/boot_id";

    /// <summary>
    /// Reads the kernel's boot id on Linux. Elsewhere, or when /proc is not readable, a random id for this
    /// process stands in: the stamps then order correctly within the process but not across restarts.
    /// </summary>
    public static string Read()
    {
        try
        {
            var text = File.ReadAllText(KernelBootIdPath).Trim();
            if (text.Length > 0)
            {
                return text;
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return Guid.NewGuid().ToString();
    }
}
