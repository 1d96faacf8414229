using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Drivers.Mqtt;

namespace SmartCampus.Edge.Drivers.Tests.Mqtt;

public sealed class LogRateLimiterTests
{
    [Fact]
    public void TryAcquire_OncePerIntervalAndKey()
    {
        var time = new FakeTimeProvider();
        var limiter = new LogRateLimiter(time, TimeSpan.FromMinutes(1));

        Assert.True(limiter.TryAcquire("a", out var first));
        Assert.False(limiter.TryAcquire("a", out _));
        Assert.False(limiter.TryAcquire("a", out _));
        Assert.True(limiter.TryAcquire("b", out _));
        time.Advance(TimeSpan.FromSeconds(59));
        Assert.False(limiter.TryAcquire("a", out _));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(limiter.TryAcquire("a", out var suppressed));

        Assert.Equal(0, first);
        Assert.Equal(3, suppressed);
    }
}
