using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.Pipeline;

namespace SmartCampus.Edge.Gateway.Tests.Pipeline;

/// <summary>The point table's snapshot: latest values, in the ordinal order of the points' text.</summary>
public sealed class PointTableTests
{
    private static readonly DateTimeOffset ReadAt = new(2026, 9, 1, 8, 0, 0, TimeSpan.Zero);

    private static Sample Read(string point, double value) =>
        new(PointId.Parse(point), PointValue.FromNumber(value), Quality.Good, ReadAt, new MonotonicStamp("boot-1", TimeSpan.FromSeconds(1)));

    private static List<string> Texts(PointTable table) => [.. table.Snapshot().Select(sample => sample.Point.ToString())];

    [Fact]
    public void Snapshot_OrdersByText()
    {
        var table = new PointTable();
        foreach (var point in new[] { "b.1", "a.x", "a-b.x", "ab.c", "a.x.y", "A.z", "a.b", "a_b.c" })
        {
            table.Update(Read(point, 1));
        }

        // '-' (0x2D) sorts before '.' (0x2E), which sorts before 'b' and '_': the device id alone does not decide.
        Assert.Equal(["A.z", "a-b.x", "a.b", "a.x", "a.x.y", "a_b.c", "ab.c", "b.1"], Texts(table));
    }

    [Fact]
    public void Snapshot_NewPointJoinsOrder()
    {
        var table = new PointTable();
        table.Update(Read("room1.co2", 400));
        table.Update(Read("room3.co2", 410));
        Assert.Equal(["room1.co2", "room3.co2"], Texts(table));

        table.Update(Read("room2.co2", 420));

        Assert.Equal(["room1.co2", "room2.co2", "room3.co2"], Texts(table));
        Assert.Equal(3, table.Count);
    }

    [Fact]
    public void Snapshot_HasLatestValues()
    {
        var table = new PointTable();
        table.Update(Read("room1.co2", 400));
        table.Update(Read("room2.co2", 410));
        _ = table.Snapshot();

        table.Update(Read("room1.co2", 800));

        Assert.Equal([800d, 410d], table.Snapshot().Select(sample => sample.Value.Number));
        Assert.True(table.TryGet(PointId.Parse("room1.co2"), out var latest));
        Assert.Equal(800, latest!.Value.Number);
        Assert.False(table.TryGet(PointId.Parse("room9.co2"), out _));
    }

    [Fact]
    public void Compare_MatchesOrdinalText()
    {
        // Short ids from a small alphabet, so that prefixes, separators and equal ids all occur often.
        const string Alphabet = "a-._Zb0";
        var random = new Random(7);
        string Part(int minimum) => new([.. Enumerable.Range(0, random.Next(minimum, 5)).Select(_ => Alphabet[random.Next(Alphabet.Length)])]);

        for (var i = 0; i < 20_000; i++)
        {
            var left = new PointId(Part(1), Part(1));
            var right = random.Next(10) == 0 ? left with { Point = Part(1) } : new PointId(Part(1), Part(1));

            var expected = Math.Sign(string.CompareOrdinal(left.ToString(), right.ToString()));

            Assert.True(expected == Math.Sign(PointOrder.Compare(left, right)), $"{left} against {right}: expected {expected}");
        }
    }

    [Fact]
    public async Task Snapshot_WhileAdding()
    {
        var table = new PointTable();
        var writer = Task.Run(() =>
        {
            for (var i = 0; i < 5_000; i++)
            {
                table.Update(Read($"dev{i:D5}.p", i));
            }
        });

        while (!writer.IsCompleted)
        {
            var texts = Texts(table);
            Assert.Equal([.. texts.Order(StringComparer.Ordinal)], texts);
        }

        await writer;
        Assert.Equal(5_000, table.Snapshot().Count);
    }
}
