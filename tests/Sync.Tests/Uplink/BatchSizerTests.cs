using SmartCampus.Edge.Sync.Uplink;

namespace SmartCampus.Edge.Sync.Tests.Uplink;

public sealed class BatchSizerTests
{
    private const int Max = 256 * 1024;

    [Fact]
    public void Restart_StartsSmall()
    {
        var sizer = new BatchSizer();
        sizer.Restart(Max);

        Assert.Equal(BatchSizer.FirstBatchBytes, sizer.Limit);
    }

    [Fact]
    public void Acknowledged_QuickGrowsToMax()
    {
        var sizer = new BatchSizer();
        sizer.Restart(Max);
        var limits = new List<int>();
        for (var batch = 0; batch < 10; batch++)
        {
            sizer.Acknowledged(TimeSpan.FromMilliseconds(50));
            limits.Add(sizer.Limit);
        }

        Assert.Equal([8192, 16384, 32768, 65536, 131072, Max, Max, Max, Max, Max], limits);
    }

    [Fact]
    public void Acknowledged_SlowHalvesNotBelowFirst()
    {
        var sizer = new BatchSizer();
        sizer.Restart(Max);
        for (var batch = 0; batch < 6; batch++)
        {
            sizer.Acknowledged(TimeSpan.FromMilliseconds(50));
        }

        sizer.Acknowledged(BatchSizer.SlowAck + TimeSpan.FromMilliseconds(1));
        Assert.Equal(Max / 2, sizer.Limit);

        for (var batch = 0; batch < 10; batch++)
        {
            sizer.Acknowledged(TimeSpan.FromSeconds(3));
        }

        Assert.Equal(BatchSizer.FirstBatchBytes, sizer.Limit);
    }

    [Fact]
    public void Restart_BrokerMaxBelowFirst()
    {
        var sizer = new BatchSizer();
        sizer.Restart(1000);
        sizer.Acknowledged(TimeSpan.FromMilliseconds(50));

        Assert.Equal(1000, sizer.Limit);
    }

    [Fact]
    public void Acknowledged_LongRoundTripStillGrows()
    {
        var sizer = new BatchSizer();
        sizer.Restart(Max);
        for (var batch = 0; batch < 8; batch++)
        {
            sizer.Acknowledged(TimeSpan.FromMilliseconds(450 + (batch * 20)));
        }

        Assert.Equal(Max, sizer.Limit);
    }
}
