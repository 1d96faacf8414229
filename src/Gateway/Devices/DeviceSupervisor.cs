using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Drivers.Abstractions;
using SmartCampus.Edge.Gateway.Pipeline;

namespace SmartCampus.Edge.Gateway.Devices;

/// <summary>
/// Runs every driver's loop. A driver retries device faults itself; if its loop ends with an exception anyway,
/// the supervisor logs it and restarts that driver after a pause, so one broken device never stops the others.
/// </summary>
internal sealed partial class DeviceSupervisor(
    DeviceRegistry registry,
    FieldChannel channel,
    TimeProvider timeProvider,
    ILogger<DeviceSupervisor> logger) : BackgroundService
{
    /// <summary>Pause before a crashed driver loop is started again.</summary>
    private static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(5);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(registry.Drivers.Select(driver => SuperviseAsync(driver, stoppingToken)));

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);

        // Disposing drives GPIO outputs to their safe state and closes connections.
        foreach (var driver in registry.Drivers)
        {
            await driver.DisposeAsync();
        }

        foreach (var transport in registry.SharedTransports)
        {
            await transport.DisposeAsync();
        }
    }

    private async Task SuperviseAsync(IDeviceDriver driver, CancellationToken stoppingToken)
    {
        LogDriverStarting(logger, driver.DeviceId);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await driver.RunAsync(channel, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                LogDriverCrashed(logger, driver.DeviceId, RestartDelay.TotalSeconds, exception);
            }

            try
            {
                await Task.Delay(RestartDelay, timeProvider, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    [LoggerMessage(EventId = 1220, Level = LogLevel.Information, Message = "Starting driver of device {DeviceId}")]
    private static partial void LogDriverStarting(ILogger logger, string deviceId);

    [LoggerMessage(EventId = 1221, Level = LogLevel.Error, Message = "Driver of device {DeviceId} failed; restarting it in {DelaySeconds} s")]
    private static partial void LogDriverCrashed(ILogger logger, string deviceId, double delaySeconds, Exception exception);
}
