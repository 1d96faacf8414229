using SmartCampus.Edge.Gateway.WebConsole.History;

namespace SmartCampus.Edge.Gateway.Tests.WebConsole;

public sealed class PointRingTests
{
    [Theory]
    [InlineData(5)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(40)]
    [InlineData(100)]
    public void Add_KeepsNewestOldestFirst(int added)
    {
        const int capacity = 40;
        var ring = new PointRing(capacity);
        const long start = 1_800_000_000;

        for (var index = 0; index < added; index++)
        {
            ring.Add(start + (index * 60), index * 1.5f, minimumSpacingSeconds: 60);
        }

        var kept = ring.Read();
        var first = Math.Max(0, added - capacity);
        Assert.Equal(Enumerable.Range(first, added - first).Select(index => (DateTimeOffset.FromUnixTimeSeconds(start + (index * 60)), index * 1.5)), kept);
    }

    [Fact]
    public void Add_TooSoonSkipped()
    {
        var ring = new PointRing(10);

        ring.Add(1_000, 1, minimumSpacingSeconds: 60);
        ring.Add(1_030, 2, minimumSpacingSeconds: 60);
        ring.Add(1_060, 3, minimumSpacingSeconds: 60);

        Assert.Equal([(DateTimeOffset.FromUnixTimeSeconds(1_000), 1.0), (DateTimeOffset.FromUnixTimeSeconds(1_060), 3.0)], ring.Read());
    }

    [Fact]
    public void Add_ClockSetBackKept()
    {
        var ring = new PointRing(10);

        ring.Add(1_800_000_000, 1, minimumSpacingSeconds: 60);
        ring.Add(1_799_990_000, 2, minimumSpacingSeconds: 60);

        Assert.Equal([(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000), 1.0), (DateTimeOffset.FromUnixTimeSeconds(1_799_990_000), 2.0)], ring.Read());
    }

    [Fact]
    public void Read_EmptyRing() => Assert.Empty(new PointRing(10).Read());
}
