using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Definitions;
using SmartCampus.Edge.Rules.Engine;
using SmartCampus.Edge.Rules.Outputs;
using SmartCampus.Edge.Rules.State;
using SmartCampus.Edge.Rules.Tests.Support;

namespace SmartCampus.Edge.Rules.Tests.Engine;

/// <summary>A classroom temperature band: alarm above 28 °C or below 16 °C for 5 minutes, clear between 17 and 27 °C.</summary>
public class ThresholdBandTests
{
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 9, 1, 8, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData(28.5, "ThresholdAbove", "28 °C")]
    [InlineData(15.5, "ThresholdBelow", "16 °C")]
    public void Band_RaisesOnEitherSideAtDuration(double value, string key, string limitText)
    {
        var engine = new RuleEngine([Band()], clock);

        Assert.Empty(engine.Evaluate(Temperature(value)));
        clock.Advance(FiveMinutes - TimeSpan.FromMilliseconds(1));
        Assert.Empty(engine.Tick());

        clock.Advance(TimeSpan.FromMilliseconds(1));
        var raised = Assert.IsType<AlarmRaised>(Assert.Single(engine.Tick())).Alarm;

        Assert.Equal(key, raised.Message.Key);
        Assert.Equal(limitText, raised.Message.Arguments[2]);
        Assert.Equal(PointValue.FromNumber(value), raised.ValueAtRaise);
    }

    [Fact]
    public void Band_InsideValueRestartsDuration()
    {
        var engine = new RuleEngine([Band()], clock);

        engine.Evaluate(Temperature(29));
        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Empty(engine.Evaluate(Temperature(22)));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(engine.Evaluate(Temperature(29)));

        clock.Advance(FiveMinutes - TimeSpan.FromMilliseconds(1));
        Assert.Empty(engine.Tick());
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Single(engine.Tick().OfType<AlarmRaised>());
    }

    [Fact]
    public void Band_CrossingToOtherSideKeepsDuration()
    {
        var engine = new RuleEngine([Band()], clock);

        // The sensor jumps from too hot to too cold without a sample inside the band: still outside, so the
        // duration runs on from the first sample.
        engine.Evaluate(Temperature(29));
        clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Empty(engine.Evaluate(Temperature(12)));
        clock.Advance(TimeSpan.FromMinutes(2));

        var raised = Assert.IsType<AlarmRaised>(Assert.Single(engine.Tick())).Alarm;
        Assert.Equal("ThresholdBelow", raised.Message.Key);
    }

    [Fact]
    public void Band_HighSideHysteresis()
    {
        var engine = RaisedWith(29);

        // Between the upper clear level and the limit, hovering does not clear and does not raise again.
        foreach (var value in new[] { 27.5, 28.2, 27.01, 28.0, 27.0 })
        {
            clock.Advance(TimeSpan.FromSeconds(10));
            Assert.Empty(engine.Evaluate(Temperature(value)));
            Assert.Empty(engine.Tick());
        }

        clock.Advance(TimeSpan.FromSeconds(10));
        var cleared = Assert.IsType<AlarmCleared>(Assert.Single(engine.Evaluate(Temperature(26.9)))).Alarm;

        Assert.Equal("ThresholdBandCleared", cleared.ClearMessage?.Key);
        Assert.Equal(["bldgA-2F-201-air.temperature", "26.9 °C", "17 °C", "27 °C"], cleared.ClearMessage?.Arguments.Select(a => a?.ToString()));
        Assert.Empty(engine.ActiveAlarms);
    }

    [Fact]
    public void Band_LowSideHysteresis()
    {
        var engine = RaisedWith(15);

        foreach (var value in new[] { 16.5, 15.8, 16.99, 16.0, 17.0 })
        {
            clock.Advance(TimeSpan.FromSeconds(10));
            Assert.Empty(engine.Evaluate(Temperature(value)));
            Assert.Empty(engine.Tick());
        }

        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.IsType<AlarmCleared>(Assert.Single(engine.Evaluate(Temperature(17.1))));
    }

    [Fact]
    public void Band_ActiveAlarmSurvivesCrossingSides()
    {
        var engine = RaisedWith(29);

        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Empty(engine.Evaluate(Temperature(10)));
        clock.Advance(FiveMinutes);
        Assert.Empty(engine.Evaluate(Temperature(10)));
        Assert.Empty(engine.Tick());

        Assert.Single(engine.ActiveAlarms);
    }

    [Fact]
    public void Band_FlappingRaisesOncePerSide()
    {
        var engine = new RuleEngine([Band(TimeSpan.Zero)], clock);
        var raises = 0;
        var clears = 0;

        // A sensor rattles across 28 °C, then across 16 °C, and passes 20 °C once on the way down.
        foreach (var value in new[] { 28.1, 27.9, 28.1, 27.5, 28.3, 20.0, 16.5, 15.9, 16.1, 15.9, 16.9 })
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            var outputs = engine.Evaluate(Temperature(value));
            raises += outputs.OfType<AlarmRaised>().Count();
            clears += outputs.OfType<AlarmCleared>().Count();
        }

        // 20.0 is inside both clear levels, so the high-side alarm clears once and the low side raises once.
        Assert.Equal(2, raises);
        Assert.Equal(1, clears);
        Assert.Single(engine.ActiveAlarms);
    }

    [Fact]
    public void Band_RestartMidDurationResumesRemaining()
    {
        var before = new RuleEngine([Band()], clock);
        before.Evaluate(Temperature(14));
        clock.Advance(TimeSpan.FromMinutes(3));
        var bytes = RuleSnapshotJson.Serialize(before.TakeSnapshot());

        // A new boot with another monotonic origin, after the gateway was down for 10 minutes.
        var rebooted = new FakeTimeProvider(clock.GetUtcNow() + TimeSpan.FromMinutes(10));
        var after = new RuleEngine([Band()], rebooted);
        Assert.Empty(after.Restore(RuleSnapshotJson.Deserialize(bytes)));

        Assert.Equal(TimeSpan.FromMinutes(2), after.NextDueIn);
        rebooted.Advance(TimeSpan.FromMinutes(2));
        var raised = Assert.IsType<AlarmRaised>(Assert.Single(after.Tick())).Alarm;
        Assert.Equal("ThresholdBelow", raised.Message.Key);
        Assert.Equal(PointValue.FromNumber(14), raised.ValueAtRaise);
    }

    [Fact]
    public void Band_RestartKeepsActiveAlarm()
    {
        var before = RaisedWith(30);
        var bytes = RuleSnapshotJson.Serialize(before.TakeSnapshot());

        var rebooted = new FakeTimeProvider(clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        var after = new RuleEngine([Band()], rebooted);

        Assert.DoesNotContain(after.Restore(RuleSnapshotJson.Deserialize(bytes)), output => output is AlarmRaised);
        Assert.Empty(after.Evaluate(TestSamples.Number(rebooted, TestRules.Temperature, 27.5)));
        Assert.IsType<AlarmCleared>(Assert.Single(after.Evaluate(TestSamples.Number(rebooted, TestRules.Temperature, 22))));
    }

    [Theory]
    [InlineData(28, 29, 16, 17)]
    [InlineData(28, 27, 16, 15)]
    [InlineData(28, 20, 16, 20)]
    [InlineData(28, 20, 16, 21)]
    public void Band_LevelsOutOfOrderAreRejected(double above, double clearBelow, double below, double clearAbove) =>
        Assert.Throws<ArgumentOutOfRangeException>(
            () => ThresholdRuleDefinition.Outside("temp", TestRules.Temperature, (above, clearBelow), (below, clearAbove), FiveMinutes, AlarmSeverity.Minor));

    private static ThresholdRuleDefinition Band(TimeSpan? forDuration = null) =>
        ThresholdRuleDefinition.Outside(
            "temp-band-201",
            TestRules.Temperature,
            high: (28, 27),
            low: (16, 17),
            forDuration ?? FiveMinutes,
            AlarmSeverity.Minor,
            unit: "°C");

    private RuleEngine RaisedWith(double value)
    {
        var engine = new RuleEngine([Band()], clock);
        engine.Evaluate(Temperature(value));
        clock.Advance(FiveMinutes);
        Assert.Single(engine.Evaluate(Temperature(value)).OfType<AlarmRaised>());
        return engine;
    }

    private Sample Temperature(double celsius) => TestSamples.Number(clock, TestRules.Temperature, celsius);
}
