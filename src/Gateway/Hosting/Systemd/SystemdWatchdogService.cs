using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Gateway.Pipeline;

namespace SmartCampus.Edge.Gateway.Hosting.Systemd;

/// <summary>
/// Talks to systemd over NOTIFY_SOCKET (sd_notify(3)): READY=1 once the pipeline finished its first pass,
/// WATCHDOG=1 every quarter of the watchdog interval while the pipeline's heartbeat is younger than half the
/// interval, and STOPPING=1 when the host begins to stop. A stuck pipeline therefore gets the gateway restarted
/// by systemd (WatchdogSec= with Restart=on-failure), even though the process and its other threads still run.
/// Without NOTIFY_SOCKET it does nothing.
/// </summary>
internal sealed class SystemdWatchdogService(
    ISystemdNotifier notifier,
    SystemdWatchdogSettings settings,
    PipelineHeartbeat heartbeat,
    IHostApplicationLifetime lifetime,
    TimeProvider timeProvider,
    ILogger<SystemdWatchdogService> logger) : BackgroundService
{
    private CancellationTokenRegistration _stoppingRegistration;
    private bool _stalled;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (notifier.IsEnabled)
        {
            _stoppingRegistration = lifetime.ApplicationStopping.Register(NotifyStopping);
        }

        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _stoppingRegistration.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!notifier.IsEnabled)
        {
            return;
        }

        try
        {
            await heartbeat.WaitForFirstBeatAsync(stoppingToken);
            notifier.Notify(new ServiceState("READY=1\nSTATUS=Pipeline running"));
            SystemdWatchdogLog.Ready(logger, settings.Interval?.TotalMilliseconds ?? 0);

            if (settings.Interval is not { } interval)
            {
                return;
            }

            // sd_watchdog_enabled(3) recommends feeding at half the interval; a quarter leaves room for a late timer.
            using var timer = new PeriodicTimer(interval / 4, timeProvider);
            Feed(interval);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Feed(interval);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Feed(TimeSpan interval)
    {
        var age = heartbeat.SinceLastBeat ?? TimeSpan.MaxValue;
        if (age > interval / 2)
        {
            if (!_stalled)
            {
                _stalled = true;
                SystemdWatchdogLog.Stalled(logger, age.TotalMilliseconds, interval.TotalMilliseconds);
            }

            return;
        }

        if (_stalled)
        {
            _stalled = false;
            SystemdWatchdogLog.Resumed(logger);
        }

        notifier.Notify(new ServiceState("WATCHDOG=1"));
    }

    private void NotifyStopping()
    {
        notifier.Notify(ServiceState.Stopping);
        SystemdWatchdogLog.Stopping(logger);
    }
}
