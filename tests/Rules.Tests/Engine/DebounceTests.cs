using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Definitions;
using SmartCampus.Edge.Rules.Engine;
using SmartCampus.Edge.Rules.Outputs;
using SmartCampus.Edge.Rules.State;
using SmartCampus.Edge.Rules.Tests.Support;

namespace SmartCampus.Edge.Rules.Tests.Engine;

public class DebounceTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 9, 1, 8, 0, 0, TimeSpan.Zero));

    private static InputRuleDefinition Debounced() => TestRules.FireAlarm() with { Debounce = TimeSpan.FromSeconds(2) };

    [Fact]
    public void Glitch_RaisesNothing()
    {
        var engine = new RuleEngine([Debounced()], clock);
        engine.Evaluate(Smoke(false));

        for (var i = 0; i < 20; i++)
        {
            Assert.Empty(engine.Evaluate(Smoke(true)));
            clock.Advance(TimeSpan.FromMilliseconds(500));
            Assert.Empty(engine.Evaluate(Smoke(false)));
            clock.Advance(TimeSpan.FromMilliseconds(500));
            Assert.Empty(engine.Tick());
        }
    }

    [Fact]
    public void HeldLevel_RaisesAfterDebounce()
    {
        var engine = new RuleEngine([Debounced()], clock);
        Assert.Empty(engine.Evaluate(Smoke(true)));
        Assert.Equal(TimeSpan.FromSeconds(2), engine.NextDueIn);

        clock.Advance(TimeSpan.FromSeconds(2));

        Assert.IsType<AlarmRaised>(engine.Tick()[0]);
    }

    [Fact]
    public void Clear_IsDebouncedToo()
    {
        var engine = new RuleEngine([Debounced()], clock);
        engine.Evaluate(Smoke(true));
        clock.Advance(TimeSpan.FromSeconds(2));
        engine.Tick();

        Assert.Empty(engine.Evaluate(Smoke(false)));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Empty(engine.Evaluate(Smoke(true)));
        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Empty(engine.Tick());
        Assert.Single(engine.ActiveAlarms);
    }

    [Fact]
    public void Restore_MidDebounceResumes()
    {
        var before = new RuleEngine([Debounced()], clock);
        before.Evaluate(Smoke(true));
        clock.Advance(TimeSpan.FromSeconds(1.5));
        var bytes = RuleSnapshotJson.Serialize(before.TakeSnapshot());

        var after = new RuleEngine([Debounced()], new FakeTimeProvider(clock.GetUtcNow()));
        after.Restore(RuleSnapshotJson.Deserialize(bytes));

        Assert.Equal(TimeSpan.FromSeconds(0.5), after.NextDueIn);
    }

    [Fact]
    public void Definition_RejectsNegative()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TestRules.FireAlarm() with { Debounce = TimeSpan.FromSeconds(-1) });
    }

    private Sample Smoke(bool active) => TestSamples.Boolean(clock, TestRules.Smoke, active);
}
