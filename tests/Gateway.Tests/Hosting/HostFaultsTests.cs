using Microsoft.Extensions.Hosting;
using SmartCampus.Edge.Gateway.Hosting;

namespace SmartCampus.Edge.Gateway.Tests.Hosting;

public sealed class HostFaultsTests
{
    [Fact]
    public async Task FaultedService_IsNamed()
    {
        var healthy = new ScriptedService(fail: false);
        var broken = new ScriptedService(fail: true);
        await healthy.StartAsync(CancellationToken.None);
        await broken.StartAsync(CancellationToken.None);
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => broken.ExecuteTask!);

        Assert.Equal(nameof(ScriptedService), HostFaults.FindFaulted([healthy, broken]));
    }

    [Fact]
    public async Task HealthyServices_GiveNull()
    {
        var healthy = new ScriptedService(fail: false);
        await healthy.StartAsync(CancellationToken.None);
        await healthy.ExecuteTask!;

        Assert.Null(HostFaults.FindFaulted([healthy]));
    }

    private sealed class ScriptedService(bool fail) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await Task.Yield();
            if (fail)
            {
                throw new InvalidOperationException("Scripted failure.");
            }
        }
    }
}
