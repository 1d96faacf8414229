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
    public void Add_InfinitySkipped()
    {
        var ring = new PointRing(10, Minute);

        ring.Add(Start, double.PositiveInfinity);
        ring.Add(Start.AddMinutes(1), double.NegativeInfinity);
        ring.Add(Start.AddMinutes(2), 2);

        Assert.Equal([(Start.AddMinutes(2), 2.0)], ring.Read());
    }

    [Fact]
    public void Read_EmptyRing() => Assert.Empty(new PointRing(10, Minute).Read());

    [Theory]
    [InlineData(23.45)]
    [InlineData(1_234_567.8)]
    [InlineData(0.0012)]
    [InlineData(-40.7)]
    [InlineData(0)]
    [InlineData(1e15)]
    public void Read_ConstantExact(double value)
    {
        var ring = new PointRing(40, Minute);

        AddEveryMinute(ring, Enumerable.Repeat(value, 100).ToArray());

        Assert.All(ring.Read(), kept => Assert.Equal(value, kept.Value));
    }

    [Fact]
    public void Read_IntegersExact()
    {
        var random = new Random(7);
        var values = Enumerable.Range(0, 300).Select(_ => (double)random.Next(-30_000, 30_001)).ToArray();
        var ring = new PointRing(360, Minute);

        AddEveryMinute(ring, values);

        Assert.Equal(values, ring.Read().Select(kept => kept.Value));
    }

    [Fact]
    public void Read_EnergyMeterExact()
    {
        // 1,234,567.8 kWh rising by 0.1 kWh a minute; float32 stores 1,234,567.8 as 1,234,567.75.
        var values = Enumerable.Range(0, 360).Select(index => (12_345_678 + index) / 10.0).ToArray();
        var ring = new PointRing(360, Minute);

        AddEveryMinute(ring, values);

        Assert.Equal(values, ring.Read().Select(kept => kept.Value));
    }

    [Fact]
    public void Read_TinyValuesExact()
    {
        var values = Enumerable.Range(0, 100).Select(index => (12 + (index % 7)) / 10_000.0).ToArray();
        var ring = new PointRing(360, Minute);

        AddEveryMinute(ring, values);

        Assert.Equal(values, ring.Read().Select(kept => kept.Value));
    }

    [Fact]
    public void Read_NegativeDecimalsExact()
    {
        var values = new[] { -20.5, -3.25, -100, 4.75, -0.01, -99.99 };
        var ring = new PointRing(360, Minute);

        AddEveryMinute(ring, values);

        Assert.Equal(values, ring.Read().Select(kept => kept.Value));
    }

    [Fact]
    public void Add_RangeEdgeKeptNotEmpty()
    {
        var ring = new PointRing(360, Minute);

        AddEveryMinute(ring, [0, 65_533, 65_534]);
        var stepAtEdge = ring.Step;
        var keptAtEdge = ring.Read().Select(kept => kept.Value).ToArray();
        ring.Add(Start.AddMinutes(3), 65_535);
        var kept = ring.Read().Select(kept => kept.Value).ToArray();

        Assert.Equal(1, stepAtEdge);
        Assert.Equal([0.0, 65_533, 65_534], keptAtEdge);
        Assert.Equal(2, ring.Step);
        Assert.Equal(4, kept.Length);
        Assert.Equal(0, kept[0]);
        Assert.InRange(kept[1], 65_532, 65_534);
        Assert.Equal(65_534, kept[2]);
        Assert.InRange(kept[3], 65_534, 65_536);
    }

    [Fact]
    public void Add_JumpReencodesWithinStep()
    {
        var values = Enumerable.Range(0, 30).Select(index => 20 + (index / 100.0)).Append(5_000).ToArray();
        var ring = new PointRing(360, Minute);

        AddEveryMinute(ring, values[..^1]);
        var stepBefore = ring.Step;
        ring.Add(Start.AddMinutes(values.Length - 1), values[^1]);
        var kept = ring.Read().Select(kept => kept.Value).ToArray();

        Assert.True(stepBefore <= 0.01, $"step {stepBefore} before the jump");
        Assert.True(ring.Step > stepBefore, $"step {ring.Step} after the jump, {stepBefore} before");
        Assert.True(ring.Step <= 2.5 * (5_000 - 20) / 65_533, $"step {ring.Step} after the jump");
        Assert.Equal(values.Length, kept.Length);
        for (var index = 0; index < values.Length; index++)
        {
            Assert.True(Math.Abs(kept[index] - values[index]) <= ring.Step, $"value {index}: {kept[index]} for {values[index]}, step {ring.Step}");
        }
    }

    [Fact]
    public void Add_WideValueLeftRefinesStep()
    {
        const int capacity = 40;
        var ring = new PointRing(capacity, Minute);
        var values = Enumerable.Range(0, 6 + (2 * capacity)).Select(index => index == 5 ? 65_535 : 21 + ((index % 10) / 10.0)).ToArray();

        AddEveryMinute(ring, values[..(6 + capacity)]);
        var stepAfterWideLeft = ring.Step;
        AddEveryMinute(ring, values, from: 6 + capacity);
        var kept = ring.Read().Select(kept => kept.Value).ToArray();

        Assert.True(stepAfterWideLeft <= 0.001, $"step {stepAfterWideLeft} when the wide value left");
        Assert.True(ring.Step <= 0.001, $"step {ring.Step} two spans after the wide value");
        Assert.Equal(values[^capacity..], kept);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Add_RandomWideningWithinHalfStepOrStep(int seed)
    {
        // Nothing leaves a ring of 360 slots here, so the range only widens: every value is within one step and the
        // values stored since the step last changed within half a step.
        var random = new Random(seed);
        var scale = Math.Pow(10, random.Next(-4, 7));
        var values = new double[300];
        values[0] = (random.NextDouble() - 0.5) * scale;
        for (var index = 1; index < values.Length; index++)
        {
            values[index] = values[index - 1] + ((random.NextDouble() - 0.5) * scale * 0.1);
        }

        var ring = new PointRing(360, Minute);
        var steps = new double[values.Length];
        for (var index = 0; index < values.Length; index++)
        {
            ring.Add(Start.AddMinutes(index), values[index]);
            steps[index] = ring.Step;
        }

        var kept = ring.Read().Select(kept => kept.Value).ToArray();
        var step = ring.Step;
        Assert.Equal(values.Length, kept.Length);
        for (var index = 0; index < values.Length; index++)
        {
            var bound = steps[index] == step ? step / 2 : step;
            Assert.True(Math.Abs(kept[index] - values[index]) <= Tolerance(bound, values[index]), $"value {index}: {kept[index]:R} for {values[index]:R}, bound {bound:R}");
        }
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(14)]
    [InlineData(15)]
    public void Add_RandomWithSpikesWithinTwoSteps(int seed)
    {
        // Spikes widen the step and leave the ring again, so the step both grows and refines. A value is within half
        // the step it was stored with plus half of each larger step it moved to: at most twice the largest step seen.
        const int capacity = 40;
        var random = new Random(seed);
        var values = new double[400];
        for (var index = 0; index < values.Length; index++)
        {
            values[index] = random.Next(20) == 0 ? (random.NextDouble() - 0.5) * 1e5 : 20 + (random.NextDouble() * 5);
        }

        var ring = new PointRing(capacity, Minute);
        var largestStep = new double[values.Length];
        for (var index = 0; index < values.Length; index++)
        {
            ring.Add(Start.AddMinutes(index), values[index]);
            for (var earlier = Math.Max(0, index - capacity + 1); earlier <= index; earlier++)
            {
                largestStep[earlier] = Math.Max(largestStep[earlier], ring.Step);
            }
        }

        var kept = ring.Read().Select(kept => kept.Value).ToArray();
        Assert.Equal(capacity, kept.Length);
        for (var offset = 0; offset < capacity; offset++)
        {
            var index = values.Length - capacity + offset;
            var bound = 2 * largestStep[index];
            Assert.True(Math.Abs(kept[offset] - values[index]) <= Tolerance(bound, values[index]), $"value {index}: {kept[offset]:R} for {values[index]:R}, bound {bound:R}");
        }
    }

    /// <summary>The bound plus a few units in the last place of the value, for the double arithmetic.</summary>
    private static double Tolerance(double bound, double value) => bound + (Math.Abs(value) * 1e-15);

    private static void AddEveryMinute(PointRing ring, double[] values, int from = 0)
    {
        for (var index = from; index < values.Length; index++)
        {
            ring.Add(Start.AddMinutes(index), values[index]);
        }
    }
}
