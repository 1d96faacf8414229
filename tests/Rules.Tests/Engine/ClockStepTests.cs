using SmartCampus.Edge.Rules.Engine;
using SmartCampus.Edge.Rules.Outputs;
using SmartCampus.Edge.Rules.Tests.Support;

namespace SmartCampus.Edge.Rules.Tests.Engine;

public class ClockStepTests
{
    private static readonly DateTimeOffset Start = new(2025, 9, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly SteppableTimeProvider clock = new(Start);

    [Theory]
    [InlineData(90 * 24 * 60)]
    [InlineData(-60)]
    public void WallClockStep_KeepsDuration(int stepMinutes)
    {
        var step = TimeSpan.FromMinutes(stepMinutes);
        var engine = new RuleEngine([TestRules.Co2High()], clock);
        engine.Evaluate(TestSamples.Number(clock, TestRules.Co2, 1620));

        clock.Advance(TimeSpan.FromMinutes(1));
        clock.StepWallClock(step);
        Assert.Empty(engine.Tick());
        Assert.Empty(engine.Evaluate(TestSamples.Number(clock, TestRules.Co2, 1620)));
        Assert.Equal(TimeSpan.FromMinutes(1), engine.NextDueIn);

        clock.Advance(TimeSpan.FromMinutes(1) - TimeSpan.FromMilliseconds(1));
        Assert.Empty(engine.Tick());

        clock.Advance(TimeSpan.FromMilliseconds(1));
        var raised = Assert.IsType<AlarmRaised>(engine.Tick()[0]);

        Assert.Equal(Start + TimeSpan.FromMinutes(2) + step, raised.Alarm.RaisedAt);
        Assert.Equal(TimeSpan.FromMinutes(2), raised.Alarm.RaisedMonotonic);
    }

    [Fact]
    public void WallClockStepBack_KeepsActiveDuration()
    {
        var engine = new RuleEngine([TestRules.FireAlarm()], clock);
        var raised = Assert.IsType<AlarmRaised>(engine.Evaluate(TestSamples.Boolean(clock, TestRules.Smoke, true))[0]).Alarm;

        clock.Advance(TimeSpan.FromMinutes(5));
        clock.StepWallClock(TimeSpan.FromHours(-1));
        var cleared = Assert.IsType<AlarmCleared>(engine.Evaluate(TestSamples.Boolean(clock, TestRules.Smoke, false))[0]).Alarm;

        Assert.Equal(TimeSpan.FromMinutes(5), cleared.ActiveDuration);
        Assert.True(cleared.ClearedAt < raised.RaisedAt);
    }
}
