using Microsoft.Extensions.Hosting;

namespace SmartCampus.Edge.Gateway.Hosting;

/// <summary>
/// Finds the background service whose failure stopped the host. The host itself returns normally in that case
/// and the process would exit with 0, so systemd's Restart=on-failure would never restart it.
/// </summary>
public static class HostFaults
{
    /// <summary>Returns the type name of the first faulted background service, or null when none failed.</summary>
    public static string? FindFaulted(IEnumerable<IHostedService> services) =>
        services
            .OfType<BackgroundService>()
            .FirstOrDefault(service => service.ExecuteTask is { IsFaulted: true })
            ?.GetType().Name;
}
