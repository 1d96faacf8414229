using System.Globalization;

namespace SmartCampus.Edge.Gateway.Hosting.Systemd;

/// <summary>
/// The watchdog interval systemd passes to the service: WATCHDOG_USEC in microseconds, set when the unit has
/// WatchdogSec=, and WATCHDOG_PID, which names the process that must feed it (sd_watchdog_enabled(3)).
/// </summary>
public sealed record SystemdWatchdogSettings(TimeSpan? Interval)
{
    public static SystemdWatchdogSettings FromEnvironment() =>
        Parse(Environment.GetEnvironmentVariable("WATCHDOG_USEC"), Environment.GetEnvironmentVariable("WATCHDOG_PID"), Environment.ProcessId);

    /// <summary>Returns no interval when WATCHDOG_USEC is missing, not a positive integer, or meant for another process.</summary>
    public static SystemdWatchdogSettings Parse(string? watchdogMicroseconds, string? watchdogPid, int processId)
    {
        if (!long.TryParse(watchdogMicroseconds, NumberStyles.None, CultureInfo.InvariantCulture, out var microseconds) || microseconds <= 0)
        {
            return new SystemdWatchdogSettings((TimeSpan?)null);
        }

        if (!string.IsNullOrEmpty(watchdogPid) && watchdogPid != processId.ToString(CultureInfo.InvariantCulture))
        {
            return new SystemdWatchdogSettings((TimeSpan?)null);
        }

        return new SystemdWatchdogSettings(TimeSpan.FromMicroseconds(microseconds));
    }
}
