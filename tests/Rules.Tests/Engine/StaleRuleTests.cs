using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Definitions;
using SmartCampus.Edge.Rules.Engine;
using SmartCampus.Edge.Rules.Outputs;
using SmartCampus.Edge.Rules.State;
using SmartCampus.Edge.Rules.Tests.Support;

namespace SmartCampus.Edge.Rules.Tests.Engine;

public class StaleRuleTests
{
    private static readonly StaleRuleDefinition SmokeSilent =
        new("smoke-silent", TestRules.Smoke, TimeSpan.FromSeconds(30), AlarmSeverity.Major);

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 9, 1, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Silent_RaisesAtDeadline()
    {
        var engine = new RuleEngine([SmokeSilent], clock);
        engine.Evaluate(Smoke(false));

        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Empty(engine.Tick());
        clock.Advance(TimeSpan.FromSeconds(1));
        var alarm = Assert.IsType<AlarmRaised>(Assert.Single(engine.Tick())).Alarm;

        Assert.Equal("PointStale", alarm.Message.Key);
        Assert.Equal(AlarmSeverity.Major, alarm.Severity);
    }

    [Fact]
    public void NeverReported_RaisesFromStart()
    {
        var engine = new RuleEngine([SmokeSilent], clock);

        Assert.Equal(TimeSpan.FromSeconds(30), engine.NextDueIn);
        clock.Advance(TimeSpan.FromSeconds(30));

        Assert.IsType<AlarmRaised>(Assert.Single(engine.Tick()));
    }

    [Theory]
    [InlineData(Quality.Bad)]
    [InlineData(Quality.Stale)]
    public void PoorQuality_IsNotFresh(Quality quality)
    {
        var engine = new RuleEngine([SmokeSilent], clock);
        engine.Evaluate(Smoke(false));

        for (var second = 0; second < 30; second += 10)
        {
            clock.Advance(TimeSpan.FromSeconds(10));
            engine.Evaluate(TestSamples.Create(clock, TestRules.Smoke, PointValue.FromBoolean(false), quality));
        }

        Assert.Single(engine.ActiveAlarms);
    }

    [Fact]
    public void GoodSample_Clears()
    {
        var engine = new RuleEngine([SmokeSilent], clock);
        clock.Advance(TimeSpan.FromMinutes(1));
        engine.Tick();

        var outputs = engine.Evaluate(Smoke(false));

        Assert.Equal("PointFresh", Assert.IsType<AlarmCleared>(Assert.Single(outputs)).Alarm.ClearMessage?.Key);
        Assert.Equal(TimeSpan.FromSeconds(30), engine.NextDueIn);
    }

    [Fact]
    public void RegularSamples_NeverRaise()
    {
        var engine = new RuleEngine([SmokeSilent], clock);

        for (var i = 0; i < 100; i++)
        {
            engine.Evaluate(Smoke(false));
            clock.Advance(TimeSpan.FromSeconds(29));
            Assert.Empty(engine.Tick());
        }
    }

    [Fact]
    public void Restore_KeepsSilenceCounted()
    {
        var before = new RuleEngine([SmokeSilent], clock);
        before.Evaluate(Smoke(false));
        clock.Advance(TimeSpan.FromSeconds(20));
        var bytes = RuleSnapshotJson.Serialize(before.TakeSnapshot());

        var rebooted = new FakeTimeProvider(clock.GetUtcNow());
        var after = new RuleEngine([SmokeSilent], rebooted);
        after.Restore(RuleSnapshotJson.Deserialize(bytes));

        Assert.Equal(TimeSpan.FromSeconds(10), after.NextDueIn);
    }

    [Fact]
    public void Definition_RejectsZeroDeadline()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new StaleRuleDefinition("x", TestRules.Smoke, TimeSpan.Zero, AlarmSeverity.Major));
    }

    private Sample Smoke(bool active) => TestSamples.Boolean(clock, TestRules.Smoke, active);
}
