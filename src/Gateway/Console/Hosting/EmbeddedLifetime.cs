using Microsoft.Extensions.Hosting;

namespace SmartCampus.Edge.Gateway.WebConsole.Hosting;

/// <summary>
/// Lifetime of the console's inner web host: it waits for nothing and hooks no signals, because the gateway's own
/// host handles SIGTERM and stops the console with everything else.
/// </summary>
internal sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
