using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Definitions;
using SmartCampus.Edge.Rules.Engine;
using SmartCampus.Edge.Rules.Outputs;
using SmartCampus.Edge.Rules.State;
using SmartCampus.Edge.Rules.Tests.Support;

namespace SmartCampus.Edge.Rules.Tests.Engine;

public class StateRuleTests
{
    private static readonly PointId Mode = PointId.Parse("ahu-1.mode");
    private static readonly PointId Door = PointId.Parse("lab.door");

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 9, 1, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void EqualTo_RaisesAndClears()
    {
        var engine = new RuleEngine([new StateRuleDefinition("mode-3", Mode, StateTrigger.EqualTo, PointValue.FromNumber(3), AlarmSeverity.Minor)], clock);

        Assert.Empty(engine.Evaluate(Number(Mode, 2)));
        var raised = Assert.IsType<AlarmRaised>(Assert.Single(engine.Evaluate(Number(Mode, 3))));
        Assert.Empty(engine.Evaluate(Number(Mode, 3)));
        var cleared = Assert.IsType<AlarmCleared>(Assert.Single(engine.Evaluate(Number(Mode, 1))));

        Assert.Equal("StateEquals", raised.Alarm.Message.Key);
        Assert.Equal("StateEqualsCleared", cleared.Alarm.ClearMessage?.Key);
    }

    [Fact]
    public void EqualTo_TextValue()
    {
        var point = PointId.Parse("ups.status");
        var engine = new RuleEngine([new StateRuleDefinition("ups-battery", point, StateTrigger.EqualTo, PointValue.FromText("onBattery"), AlarmSeverity.Major)], clock);

        Assert.Empty(engine.Evaluate(TestSamples.Create(clock, point, PointValue.FromText("online"), Quality.Good)));

        Assert.IsType<AlarmRaised>(Assert.Single(engine.Evaluate(TestSamples.Create(clock, point, PointValue.FromText("onBattery"), Quality.Good))));
    }

    [Fact]
    public void Changes_FirstValueIsBaseline()
    {
        var engine = new RuleEngine([Changes()], clock);

        Assert.Empty(engine.Evaluate(Number(Mode, 1)));
        Assert.Empty(engine.Evaluate(Number(Mode, 1)));
        var raised = Assert.IsType<AlarmRaised>(Assert.Single(engine.Evaluate(Number(Mode, 2))));

        Assert.Equal("StateChanged", raised.Alarm.Message.Key);
        Assert.Equal(["ahu-1.mode", "1", "2"], raised.Alarm.Message.Arguments.Select(argument => argument.ToString()));
    }

    [Fact]
    public void Changes_ClearsAfterQuietTime()
    {
        var engine = new RuleEngine([Changes()], clock);
        engine.Evaluate(Number(Mode, 1));
        engine.Evaluate(Number(Mode, 2));
        clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Empty(engine.Evaluate(Number(Mode, 3)));
        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Empty(engine.Tick());
        Assert.Equal(TimeSpan.FromSeconds(1), engine.NextDueIn);
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.IsType<AlarmCleared>(Assert.Single(engine.Tick()));
    }

    [Fact]
    public void Rising_OnlyFalseToTrue()
    {
        var engine = new RuleEngine([Edge(StateTrigger.Rising)], clock);

        Assert.Empty(engine.Evaluate(Level(true)));
        Assert.Empty(engine.Evaluate(Level(false)));
        Assert.IsType<AlarmRaised>(Assert.Single(engine.Evaluate(Level(true))));
        Assert.IsType<AlarmCleared>(Assert.Single(engine.Tick()));
        Assert.Empty(engine.Evaluate(Level(false)));
    }

    [Fact]
    public void Falling_ReadsCoilNumbers()
    {
        var engine = new RuleEngine([Edge(StateTrigger.Falling)], clock);

        Assert.Empty(engine.Evaluate(Number(Door, 1)));

        Assert.IsType<AlarmRaised>(Assert.Single(engine.Evaluate(Number(Door, 0))));
    }

    [Fact]
    public void Edge_DebounceFiltersGlitch()
    {
        var engine = new RuleEngine([Edge(StateTrigger.Rising) with { Debounce = TimeSpan.FromSeconds(2) }], clock);
        engine.Evaluate(Level(false));
        clock.Advance(TimeSpan.FromSeconds(2));
        engine.Tick();

        for (var i = 0; i < 10; i++)
        {
            Assert.Empty(engine.Evaluate(Level(true)));
            clock.Advance(TimeSpan.FromSeconds(1));
            Assert.Empty(engine.Evaluate(Level(false)));
            clock.Advance(TimeSpan.FromSeconds(1));
            Assert.Empty(engine.Tick());
        }

        engine.Evaluate(Level(true));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.IsType<AlarmRaised>(engine.Tick()[0]);
    }

    [Fact]
    public void BadSample_IsNoChange()
    {
        var engine = new RuleEngine([Changes()], clock);
        engine.Evaluate(Number(Mode, 1));

        Assert.Empty(engine.Evaluate(TestSamples.Bad(clock, Mode)));

        Assert.Empty(engine.Evaluate(Number(Mode, 1)));
    }

    [Fact]
    public void NaN_IsNoChange()
    {
        var engine = new RuleEngine([Changes()], clock);
        engine.Evaluate(Number(Mode, 1));

        Assert.Empty(engine.Evaluate(Number(Mode, double.NaN)));
        Assert.Empty(engine.Evaluate(Number(Mode, double.PositiveInfinity)));

        Assert.Empty(engine.Evaluate(Number(Mode, 1)));
    }

    [Fact]
    public void Restart_KeepsBaselineAndClearTime()
    {
        var first = new RuleEngine([Changes()], clock);
        first.Evaluate(Number(Mode, 1));
        first.Evaluate(Number(Mode, 2));
        clock.Advance(TimeSpan.FromSeconds(40));
        var snapshot = RuleSnapshotJson.Deserialize(RuleSnapshotJson.Serialize(first.TakeSnapshot()));

        var second = new RuleEngine([Changes()], clock);
        Assert.Empty(second.Restore(snapshot));
        Assert.Single(second.ActiveAlarms);
        Assert.Empty(second.Evaluate(Number(Mode, 2)));
        clock.Advance(TimeSpan.FromSeconds(20));

        Assert.IsType<AlarmCleared>(Assert.Single(second.Tick()));
        Assert.IsType<AlarmRaised>(Assert.Single(second.Evaluate(Number(Mode, 5))));
    }

    private StateRuleDefinition Changes() =>
        new("mode-changed", Mode, StateTrigger.Changes, PointValue.None, AlarmSeverity.Warning) { ClearAfter = TimeSpan.FromMinutes(1) };

    private static StateRuleDefinition Edge(StateTrigger trigger) =>
        new("door-edge", Door, trigger, PointValue.None, AlarmSeverity.Major);

    private Sample Number(PointId point, double value) => TestSamples.Number(clock, point, value);

    private Sample Level(bool value) => TestSamples.Boolean(clock, Door, value);
}
