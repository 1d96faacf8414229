using Microsoft.Extensions.Hosting;

namespace SmartCampus.Edge.Gateway.Tests.Downlink;

/// <summary>Host lifetime whose stop does nothing; tests read <c>GatewayRestart.Requested</c> instead.</summary>
internal sealed class StubLifetime : IHostApplicationLifetime
{
    public CancellationToken ApplicationStarted => CancellationToken.None;

    public CancellationToken ApplicationStopping => CancellationToken.None;

    public CancellationToken ApplicationStopped => CancellationToken.None;

    public void StopApplication()
    {
    }
}
