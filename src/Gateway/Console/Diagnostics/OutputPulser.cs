using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.Devices;
using SmartCampus.Edge.Gateway.WebConsole.Hosting;

namespace SmartCampus.Edge.Gateway.WebConsole.Diagnostics;

/// <summary>
/// Drives a GPIO output away from its safe state for a short time and back, to check wiring (a relay clicks, a
/// siren chirps). The caller has checked the interlocks first. The revert runs on its own timer, so it happens
/// even when the browser goes away.
/// </summary>
internal sealed class OutputPulser(DeviceRegistry registry, TimeProvider timeProvider, ILogger<OutputPulser> logger)
{
    public static readonly TimeSpan[] Durations = [TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)];

    /// <summary>Time allowed for the write back to the safe state.</summary>
    private static readonly TimeSpan RevertTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Writes the active value; null on success, else the driver's error. The revert is scheduled on success.</summary>
    public async Task<string?> PulseAsync(PointId output, bool safeState, TimeSpan duration, CancellationToken cancellationToken)
    {
        if (!registry.TryGet(output.Device, out var driver) || driver is null)
        {
            return Text.ConsoleText.Format("PulseNoDriver", output.Device);
        }

        var result = await driver.WriteAsync(output.Point, PointValue.FromBoolean(!safeState), cancellationToken);
        if (!result.Succeeded)
        {
            return result.Error ?? Text.ConsoleText.Get("PulseWriteFailed");
        }

        _ = RevertAsync(output, safeState, duration);
        return null;
    }

    private async Task RevertAsync(PointId output, bool safeState, TimeSpan duration)
    {
        try
        {
            await Task.Delay(duration, timeProvider);
            using var timeout = new CancellationTokenSource(RevertTimeout);
            if (registry.TryGet(output.Device, out var driver) && driver is not null)
            {
                var result = await driver.WriteAsync(output.Point, PointValue.FromBoolean(safeState), timeout.Token);
                if (!result.Succeeded)
                {
                    ConsoleLog.PulseRevertFailed(logger, output.ToString(), safeState, result.Error ?? string.Empty);
                }
            }
        }
        catch (Exception exception)
        {
            ConsoleLog.PulseRevertFailed(logger, output.ToString(), safeState, exception.Message);
        }
    }
}
