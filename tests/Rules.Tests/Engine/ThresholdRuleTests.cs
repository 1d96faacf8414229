using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Definitions;
using SmartCampus.Edge.Rules.Engine;
using SmartCampus.Edge.Rules.Outputs;
using SmartCampus.Edge.Rules.Tests.Support;

namespace SmartCampus.Edge.Rules.Tests.Engine;

public class ThresholdRuleTests
{
    private static readonly TimeSpan SampleInterval = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 9, 1, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Above_RaisesOnceAtDuration()
    {
        var engine = new RuleEngine([TestRules.Co2High()], clock);

        Assert.Empty(engine.Evaluate(Co2(1620)));
        for (var elapsed = SampleInterval; elapsed < TimeSpan.FromMinutes(2); elapsed += SampleInterval)
        {
            clock.Advance(SampleInterval);
            Assert.Empty(engine.Evaluate(Co2(1620)));
            Assert.Empty(engine.Tick());
        }

        clock.Advance(SampleInterval - TimeSpan.FromMilliseconds(1));
        Assert.Empty(engine.Tick());

        clock.Advance(TimeSpan.FromMilliseconds(1));
        var outputs = engine.Evaluate(Co2(1620));

        Assert.Equal(2, outputs.Count);
        var raised = Assert.IsType<AlarmRaised>(outputs[0]);
        var notice = Assert.IsType<SendNoticeCommand>(outputs[1]);
        Assert.Equal("co2-high-201", raised.Alarm.RuleId);
        Assert.Equal(TestRules.Co2, raised.Alarm.Point);
        Assert.Equal(AlarmSeverity.Warning, raised.Alarm.Severity);
        Assert.Equal(clock.GetUtcNow(), raised.Alarm.RaisedAt);
        Assert.Equal(clock.GetElapsedTime(0, clock.GetTimestamp()), raised.Alarm.RaisedMonotonic);
        Assert.Equal(PointValue.FromNumber(1620), raised.Alarm.ValueAtRaise);
        Assert.True(raised.Alarm.IsActive);
        Assert.Equal("ThresholdAbove", raised.Alarm.Message.Key);
        Assert.Equal("board-201", notice.Target);
        Assert.Equal(TestRules.Co2Notice, notice.Text);
        Assert.False(notice.Emergency);
        Assert.Equal("co2-high-201", notice.RuleId);
        Assert.StartsWith(raised.Alarm.AlarmId, notice.NoticeId, StringComparison.Ordinal);

        for (var i = 0; i < 30; i++)
        {
            clock.Advance(SampleInterval);
            Assert.Empty(engine.Evaluate(Co2(1700)));
            Assert.Empty(engine.Tick());
        }

        Assert.Single(engine.ActiveAlarms);
    }

    [Fact]
    public void Above_DropBetweenLevelsRestartsDuration()
    {
        var engine = new RuleEngine([TestRules.Co2High()], clock);

        engine.Evaluate(Co2(1620));
        clock.Advance(TimeSpan.FromSeconds(90));
        Assert.Empty(engine.Evaluate(Co2(1400)));
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Empty(engine.Evaluate(Co2(1620)));

        // Two minutes after the first sample, but only 20 s after the value went back above the limit.
        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Empty(engine.Tick());
        clock.Advance(TimeSpan.FromSeconds(100) - TimeSpan.FromMilliseconds(1));
        Assert.Empty(engine.Tick());

        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Single(engine.Tick().OfType<AlarmRaised>());
    }

    [Fact]
    public void Above_ValueAtLimitRestartsDuration()
    {
        var engine = new RuleEngine([TestRules.Co2High()], clock);

        engine.Evaluate(Co2(1620));
        clock.Advance(TimeSpan.FromSeconds(60));
        engine.Evaluate(Co2(1500));
        clock.Advance(TimeSpan.FromSeconds(60));

        Assert.Empty(engine.Tick());
        Assert.Null(engine.NextDueIn);
    }

    [Fact]
    public void Above_ClearsOnlyBelowClearLevel()
    {
        var engine = new RuleEngine([TestRules.Co2High()], clock);
        var raised = RaiseCo2(engine);

        clock.Advance(SampleInterval);
        Assert.Empty(engine.Evaluate(Co2(1400)));
        clock.Advance(SampleInterval);
        Assert.Empty(engine.Evaluate(Co2(1200)));
        Assert.Single(engine.ActiveAlarms);

        clock.Advance(SampleInterval);
        var outputs = engine.Evaluate(Co2(1100));

        // An ordinary notice is not withdrawn, so the clear is the only output.
        var cleared = Assert.IsType<AlarmCleared>(Assert.Single(outputs)).Alarm;
        Assert.Equal(raised.AlarmId, cleared.AlarmId);
        Assert.Equal(raised.RaisedAt, cleared.RaisedAt);
        Assert.Equal(clock.GetUtcNow(), cleared.ClearedAt);
        Assert.Equal(PointValue.FromNumber(1100), cleared.ValueAtClear);
        Assert.Equal(TimeSpan.FromSeconds(30), cleared.ActiveDuration);
        Assert.Equal("ThresholdAboveCleared", cleared.ClearMessage?.Key);
        Assert.False(cleared.IsActive);
        Assert.True(raised.IsActive);
        Assert.Empty(engine.ActiveAlarms);
    }

    [Fact]
    public void Above_RaisesAgainAfterClear()
    {
        var engine = new RuleEngine([TestRules.Co2High()], clock);
        var first = RaiseCo2(engine);
        clock.Advance(SampleInterval);
        engine.Evaluate(Co2(1100));

        var second = RaiseCo2(engine);

        Assert.NotEqual(first.AlarmId, second.AlarmId);
        Assert.Single(engine.ActiveAlarms);
    }

    [Fact]
    public void Flapping_RaisesNothing()
    {
        var rule = ThresholdRuleDefinition.Above("temp-high", TestRules.Temperature, 70, 69, TimeSpan.FromSeconds(60), AlarmSeverity.Major);
        var engine = new RuleEngine([rule], clock);

        for (var i = 0; i < 120; i++)
        {
            Assert.Empty(engine.Evaluate(Number(TestRules.Temperature, i % 2 == 0 ? 70.1 : 69.9)));
            clock.Advance(SampleInterval);
            Assert.Empty(engine.Tick());
        }

        Assert.Empty(engine.ActiveAlarms);
    }

    [Fact]
    public void Flapping_StepHeldPastDurationRaisesOnce()
    {
        var rule = ThresholdRuleDefinition.Above("temp-high", TestRules.Temperature, 70, 69, TimeSpan.FromSeconds(60), AlarmSeverity.Major);
        var engine = new RuleEngine([rule], clock);
        for (var i = 0; i < 12; i++)
        {
            engine.Evaluate(Number(TestRules.Temperature, i % 2 == 0 ? 70.1 : 69.9));
            clock.Advance(SampleInterval);
        }

        var outputs = new List<RuleOutput>();
        for (var i = 0; i < 30; i++)
        {
            outputs.AddRange(engine.Evaluate(Number(TestRules.Temperature, 70.1)));
            outputs.AddRange(engine.Tick());
            clock.Advance(SampleInterval);
        }

        var raised = Assert.IsType<AlarmRaised>(Assert.Single(outputs));
        Assert.Equal(PointValue.FromNumber(70.1), raised.Alarm.ValueAtRaise);
    }

    [Fact]
    public void Tick_CompletesDurationWithoutSample()
    {
        var engine = new RuleEngine([TestRules.Co2High()], clock);
        engine.Evaluate(Co2(1620));

        clock.Advance(TimeSpan.FromMinutes(2));
        var outputs = engine.Tick();

        var raised = Assert.IsType<AlarmRaised>(outputs[0]);
        Assert.Equal(PointValue.FromNumber(1620), raised.Alarm.ValueAtRaise);
        Assert.Equal(clock.GetUtcNow(), raised.Alarm.RaisedAt);
        Assert.Empty(engine.Tick());
    }

    [Fact]
    public void Tick_RaisesWithLatestValue()
    {
        var engine = new RuleEngine([TestRules.Co2High()], clock);
        engine.Evaluate(Co2(1620));
        clock.Advance(TimeSpan.FromMinutes(1));
        engine.Evaluate(Co2(1810));

        clock.Advance(TimeSpan.FromMinutes(1));
        var raised = Assert.IsType<AlarmRaised>(engine.Tick()[0]);

        Assert.Equal(PointValue.FromNumber(1810), raised.Alarm.ValueAtRaise);
    }

    [Fact]
    public void NextDueIn_CountsDownPendingDuration()
    {
        var engine = new RuleEngine([TestRules.Co2High()], clock);
        Assert.Null(engine.NextDueIn);

        engine.Evaluate(Co2(1620));
        Assert.Equal(TimeSpan.FromMinutes(2), engine.NextDueIn);

        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(TimeSpan.FromSeconds(90), engine.NextDueIn);

        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(TimeSpan.Zero, engine.NextDueIn);

        engine.Tick();
        Assert.Null(engine.NextDueIn);
    }

    [Fact]
    public void Evaluate_CompletesOverdueDurationFirst()
    {
        var engine = new RuleEngine([TestRules.Co2High()], clock);
        engine.Evaluate(Co2(1620));

        // No tick for three minutes: the value held above the limit until this sample, so the alarm was due.
        clock.Advance(TimeSpan.FromMinutes(3));
        var outputs = engine.Evaluate(Co2(1100));

        Assert.IsType<AlarmRaised>(outputs[0]);
        Assert.IsType<SendNoticeCommand>(outputs[1]);
        Assert.IsType<AlarmCleared>(outputs[2]);
        Assert.Equal(3, outputs.Count);
    }

    [Theory]
    [InlineData(Quality.Bad)]
    [InlineData(Quality.Stale)]
    public void PoorQuality_CancelsPendingDuration(Quality quality)
    {
        var engine = new RuleEngine([TestRules.Co2High()], clock);
        engine.Evaluate(Co2(1620));
        clock.Advance(TimeSpan.FromSeconds(90));

        Assert.Empty(engine.Evaluate(TestSamples.Number(clock, TestRules.Co2, 1620, quality)));
        Assert.Null(engine.NextDueIn);

        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Empty(engine.Tick());

        engine.Evaluate(Co2(1620));
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Single(engine.Tick().OfType<AlarmRaised>());
    }

    [Fact]
    public void BadQuality_NeitherRaisesNorClears()
    {
        var rule = ThresholdRuleDefinition.Above("co2-now", TestRules.Co2, 1500, 1200, TimeSpan.Zero, AlarmSeverity.Minor);
        var engine = new RuleEngine([rule], clock);

        Assert.Empty(engine.Evaluate(TestSamples.Bad(clock, TestRules.Co2)));
        Assert.Empty(engine.Evaluate(TestSamples.Number(clock, TestRules.Co2, 1620, Quality.Bad)));
        Assert.Empty(engine.ActiveAlarms);

        Assert.Single(engine.Evaluate(Co2(1620)).OfType<AlarmRaised>());
        Assert.Empty(engine.Evaluate(TestSamples.Bad(clock, TestRules.Co2)));
        Assert.Empty(engine.Evaluate(TestSamples.Number(clock, TestRules.Co2, 900, Quality.Stale)));
        Assert.Single(engine.ActiveAlarms);

        Assert.Single(engine.Evaluate(Co2(900)).OfType<AlarmCleared>());
    }

    [Fact]
    public void TextValue_IsIgnoredAndLoggedOnce()
    {
        var logger = new ListLogger();
        var engine = new RuleEngine([TestRules.Co2High()], clock, logger);

        engine.Evaluate(Co2(1620));
        Assert.Empty(engine.Evaluate(TestSamples.Create(clock, TestRules.Co2, PointValue.FromText("E1"), Quality.Good)));
        Assert.Empty(engine.Evaluate(TestSamples.Create(clock, TestRules.Co2, PointValue.FromText("E1"), Quality.Good)));
        Assert.Null(engine.NextDueIn);
        Assert.Equal(1, logger.Count(3006));

        engine.Evaluate(Co2(1000));
        engine.Evaluate(TestSamples.Create(clock, TestRules.Co2, PointValue.FromText("E2"), Quality.Good));
        Assert.Equal(2, logger.Count(3006));
    }

    [Fact]
    public void NaN_CancelsPendingDuration()
    {
        var engine = new RuleEngine([TestRules.Co2High()], clock);
        engine.Evaluate(Co2(1620));

        Assert.Empty(engine.Evaluate(Co2(double.NaN)));

        Assert.Null(engine.NextDueIn);
    }

    [Fact]
    public void ZeroDuration_RaisesOnFirstSample()
    {
        var rule = ThresholdRuleDefinition.Above("co2-now", TestRules.Co2, 1500, 1200, TimeSpan.Zero, AlarmSeverity.Minor);
        var engine = new RuleEngine([rule], clock);

        Assert.Empty(engine.Evaluate(Co2(1500)));
        var raised = Assert.IsType<AlarmRaised>(Assert.Single(engine.Evaluate(Co2(1500.5))));

        Assert.Equal("ThresholdAboveNow", raised.Alarm.Message.Key);
        Assert.Null(engine.NextDueIn);
    }

    [Fact]
    public void Below_RaisesAndClearsWithHysteresis()
    {
        var rule = ThresholdRuleDefinition.Below("room-cold", TestRules.Temperature, 5, 7, TimeSpan.FromMinutes(10), AlarmSeverity.Minor, unit: "°C");
        var engine = new RuleEngine([rule], clock);

        Assert.Empty(engine.Evaluate(Number(TestRules.Temperature, 5)));
        Assert.Empty(engine.Evaluate(Number(TestRules.Temperature, 4.9)));
        clock.Advance(TimeSpan.FromMinutes(10));
        var raised = Assert.IsType<AlarmRaised>(Assert.Single(engine.Tick()));
        Assert.Equal("ThresholdBelow", raised.Alarm.Message.Key);

        Assert.Empty(engine.Evaluate(Number(TestRules.Temperature, 6)));
        Assert.Empty(engine.Evaluate(Number(TestRules.Temperature, 7)));
        var cleared = Assert.IsType<AlarmCleared>(Assert.Single(engine.Evaluate(Number(TestRules.Temperature, 7.1))));
        Assert.Equal("ThresholdBelowCleared", cleared.Alarm.ClearMessage?.Key);
    }

    [Fact]
    public void BooleanPoint_ReadsAsZeroOrOne()
    {
        var rule = ThresholdRuleDefinition.Above("door-open", TestRules.Smoke, 0.5, 0.5, TimeSpan.Zero, AlarmSeverity.Minor);
        var engine = new RuleEngine([rule], clock);

        Assert.Single(engine.Evaluate(TestSamples.Boolean(clock, TestRules.Smoke, true)).OfType<AlarmRaised>());
        Assert.Single(engine.Evaluate(TestSamples.Boolean(clock, TestRules.Smoke, false)).OfType<AlarmCleared>());
    }

    private Alarm RaiseCo2(RuleEngine engine)
    {
        engine.Evaluate(Co2(1620));
        clock.Advance(TimeSpan.FromMinutes(2));
        return Assert.IsType<AlarmRaised>(engine.Evaluate(Co2(1620))[0]).Alarm;
    }

    private Sample Co2(double ppm) => Number(TestRules.Co2, ppm);

    private Sample Number(PointId point, double value) => TestSamples.Number(clock, point, value);
}
