using SmartCampus.Edge.Sync.Uplink;

namespace SmartCampus.Edge.Sync.Tests.Uplink;

public sealed class ReconnectBackoffTests
{
    private static readonly TimeSpan Min = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(42)]
    public void Next_DoublesWithinJitterBounds(int seed)
    {
        var backoff = new ReconnectBackoff(Min, Max, new Random(seed));

        for (var attempt = 0; attempt < 12; attempt++)
        {
            var ceiling = Math.Min(Max.TotalSeconds, Min.TotalSeconds * Math.Pow(2, attempt));
            var delay = backoff.Next().TotalSeconds;

            Assert.InRange(delay, Math.Max(Min.TotalSeconds, ceiling / 2), ceiling);
        }

        Assert.Equal(12, backoff.Attempt);
    }

    [Fact]
    public void Next_SpreadsDelaysOfManyGateways()
    {
        var delays = Enumerable.Range(0, 50)
            .Select(seed =>
            {
                var backoff = new ReconnectBackoff(Min, Max, new Random(seed));
                for (var attempt = 0; attempt < 8; attempt++)
                {
                    backoff.Next();
                }

                return backoff.Next();
            })
            .ToList();

        Assert.True(delays.Distinct().Count() > 40, "the jitter did not spread the delays");
        Assert.All(delays, delay => Assert.InRange(delay, Max / 2, Max));
    }

    [Fact]
    public void Reset_StartsAgainAtMin()
    {
        var backoff = new ReconnectBackoff(Min, Max, new Random(3));
        for (var attempt = 0; attempt < 10; attempt++)
        {
            backoff.Next();
        }

        backoff.Reset();

        Assert.Equal(0, backoff.Attempt);
        Assert.Equal(Min, backoff.Next());
    }

    [Fact]
    public void Next_ManyFailures_StaysAtMax()
    {
        var backoff = new ReconnectBackoff(Min, Max, new Random(5));
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            Assert.InRange(backoff.Next(), Min, Max);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public void Next_FirstRetrySoonerThenMin(int seed)
    {
        var first = TimeSpan.FromMilliseconds(250);
        var backoff = new ReconnectBackoff(Min, Max, first, new Random(seed));

        Assert.InRange(backoff.Next(), first / 2, first);
        Assert.Equal(Min, backoff.Next());
        Assert.InRange(backoff.Next(), Min, Min * 2);

        backoff.Reset();
        Assert.InRange(backoff.Next(), first / 2, first);
    }
}
