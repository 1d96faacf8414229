using Microsoft.Extensions.Logging;

namespace SmartCampus.Edge.Gateway.Hosting.Systemd;

/// <summary>Log events of the systemd notifier; ids 1070–1079.</summary>
internal static partial class SystemdWatchdogLog
{
    [LoggerMessage(EventId = 1070, Level = LogLevel.Information, Message = "Pipeline running; sent READY=1 to systemd, watchdog interval {WatchdogMilliseconds} ms (0 = no watchdog)")]
    public static partial void Ready(ILogger logger, double watchdogMilliseconds);

    [LoggerMessage(EventId = 1071, Level = LogLevel.Error, Message = "The pipeline has not finished a pass for {StalledMilliseconds} ms, more than half the watchdog interval of {WatchdogMilliseconds} ms; no longer feeding the systemd watchdog, so systemd restarts the gateway unless the pipeline moves again")]
    public static partial void Stalled(ILogger logger, double stalledMilliseconds, double watchdogMilliseconds);

    [LoggerMessage(EventId = 1072, Level = LogLevel.Warning, Message = "The pipeline is moving again after a stall; feeding the systemd watchdog again")]
    public static partial void Resumed(ILogger logger);

    [LoggerMessage(EventId = 1073, Level = LogLevel.Information, Message = "Sent STOPPING=1 to systemd")]
    public static partial void Stopping(ILogger logger);
}
