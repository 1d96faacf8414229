using SmartCampus.Edge.Gateway.WebConsole.History;

namespace SmartCampus.Edge.Gateway.Tests.WebConsole;

public sealed class PointRingTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    [Theory]
    [InlineData(5)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(40)]
    [InlineData(100)]
    public void Add_KeepsNewestOldestFirst(int added)
    {
        const int capacity = 40;
        var ring = new PointRing(capacity, Minute);

        for (var index = 0; index < added; index++)
        {
            ring.Add(Start.AddMinutes(index), index * 1.5f);
        }

        var kept = ring.Read();
        var first = Math.Max(0, added - capacity);
        Assert.Equal(Enumerable.Range(first, added - first).Select(index => (Start.AddMinutes(index), index * 1.5)), kept);
    }

    [Fact]
    public void Add_SameSlotSkipped()
    {
        var ring = new PointRing(10, Minute);

        ring.Add(Start, 1);
        ring.Add(Start.AddSeconds(30), 2);
        ring.Add(Start.AddSeconds(60), 3);

        Assert.Equal([(Start, 1.0), (Start.AddSeconds(60), 3.0)], ring.Read());
    }

    [Fact]
    public void Add_TimeImpliedBySlot()
    {
        var ring = new PointRing(10, Minute);

        ring.Add(Start, 1);
        ring.Add(Start.AddSeconds(119), 2);

        Assert.Equal([(Start, 1.0), (Start.AddSeconds(60), 2.0)], ring.Read());
    }

    [Fact]
    public void Add_MissedSlotsLeftEmpty()
    {
        var ring = new PointRing(4, Minute);

        ring.Add(Start, 1);
        ring.Add(Start.AddMinutes(2), 3);
        ring.Add(Start.AddMinutes(4), 5);

        Assert.Equal([(Start.AddMinutes(2), 3.0), (Start.AddMinutes(4), 5.0)], ring.Read());
    }

    [Fact]
    public void Add_GapOfCapacityStartsOver()
    {
        var ring = new PointRing(4, Minute);

        ring.Add(Start, 1);
        ring.Add(Start.AddMinutes(5), 2);

        Assert.Equal([(Start.AddMinutes(5), 2.0)], ring.Read());
    }

    [Fact]
    public void Add_ClockSetBackStartsOver()
    {
        var ring = new PointRing(10, Minute);

        ring.Add(Start, 1);
        ring.Add(Start.AddMinutes(1), 2);
        ring.Add(Start.AddHours(-3), 3);

        Assert.Equal([(Start.AddHours(-3), 3.0)], ring.Read());
    }

    [Fact]
    public void Add_ClockStepBackWithinSlotSkipped()
    {
        var ring = new PointRing(10, Minute);

        ring.Add(Start, 1);
        ring.Add(Start.AddMinutes(1), 2);
        ring.Add(Start.AddSeconds(50), 3);

        Assert.Equal([(Start, 1.0), (Start.AddMinutes(1), 2.0)], ring.Read());
    }

    [Fact]
    public void Add_NaNSkipped()
    {
        var ring = new PointRing(10, Minute);

        ring.Add(Start, float.NaN);
        ring.Add(Start.AddMinutes(1), 2);

        Assert.Equal([(Start.AddMinutes(1), 2.0)], ring.Read());
    }

    [Fact]
    public void Read_EmptyRing() => Assert.Empty(new PointRing(10, Minute).Read());
}
