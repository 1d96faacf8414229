using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Contracts;

namespace SmartCampus.Edge.Gateway.Tests.Hosting;

/// <summary>The gateway's uptime counts from its own start, not from the machine's boot.</summary>
public sealed class GatewayClockTests
{
    [Fact]
    public void Uptime_CountsFromCreation()
    {
        var time = new FakeTimeProvider();
        time.Advance(TimeSpan.FromHours(4));

        var clock = new GatewayClock(time, "boot-1");
        time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(TimeSpan.FromSeconds(30), clock.Uptime);
        Assert.True(clock.Elapsed >= TimeSpan.FromHours(4), $"Elapsed {clock.Elapsed} should count from the timestamp origin.");
    }
}
