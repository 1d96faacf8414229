using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Actions;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Definitions;
using SmartCampus.Edge.Rules.Engine;
using SmartCampus.Edge.Rules.Outputs;
using SmartCampus.Edge.Rules.Tests.Support;

namespace SmartCampus.Edge.Rules.Tests.Engine;

public class CombinationRuleTests
{
    private static readonly PointId Smoke2 = PointId.Parse("fire-panel.smoke-2");
    private static readonly PointId Heat = PointId.Parse("fire-panel.heat");

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 9, 1, 8, 0, 0, TimeSpan.Zero));

    private static RuleDefinition[] TwoDetectors(CombinationKind kind) =>
    [
        new InputRuleDefinition("smoke-1", TestRules.Smoke, true, AlarmSeverity.Minor),
        new InputRuleDefinition("smoke-2", Smoke2, true, AlarmSeverity.Minor),
        new CombinationRuleDefinition("fire-confirmed", kind, ["smoke-1", "smoke-2"], AlarmSeverity.Critical, [new SetOutputAction(TestRules.Siren, true)]),
    ];

    [Fact]
    public void All_NeedsBoth()
    {
        var engine = new RuleEngine(TwoDetectors(CombinationKind.All), clock);

        var first = engine.Evaluate(TestSamples.Boolean(clock, TestRules.Smoke, true));
        Assert.DoesNotContain(first, output => output.RuleId == "fire-confirmed");
        var second = engine.Evaluate(TestSamples.Boolean(clock, Smoke2, true));

        Assert.Contains(second, output => output is AlarmRaised { RuleId: "fire-confirmed" });
        Assert.Contains(new SetOutputCommand(TestRules.Siren, true, null, "fire-confirmed"), second);
        var cleared = engine.Evaluate(TestSamples.Boolean(clock, TestRules.Smoke, false));
        Assert.Contains(cleared, output => output is AlarmCleared { RuleId: "fire-confirmed" });
    }

    [Fact]
    public void Any_NeedsOne()
    {
        var engine = new RuleEngine(TwoDetectors(CombinationKind.Any), clock);

        Assert.Contains(engine.Evaluate(TestSamples.Boolean(clock, Smoke2, true)), output => output is AlarmRaised { RuleId: "fire-confirmed" });
        Assert.DoesNotContain(engine.Evaluate(TestSamples.Boolean(clock, TestRules.Smoke, true)), output => output.RuleId == "fire-confirmed");
        Assert.Equal(3, engine.ActiveAlarms.Count);
    }

    [Fact]
    public void Not_InvertsWithThreshold()
    {
        RuleDefinition[] rules =
        [
            ThresholdRuleDefinition.Above("heat-high", Heat, 57, 50, TimeSpan.FromSeconds(10), AlarmSeverity.Minor),
            new CombinationRuleDefinition("heat-normal", CombinationKind.Not, ["heat-high"], AlarmSeverity.Warning),
        ];
        var engine = new RuleEngine(rules, clock);

        Assert.Contains(engine.Tick(), output => output is AlarmRaised { RuleId: "heat-normal" });
        engine.Evaluate(TestSamples.Number(clock, Heat, 60));
        clock.Advance(TimeSpan.FromSeconds(10));

        var outputs = engine.Tick();

        Assert.Contains(outputs, output => output is AlarmRaised { RuleId: "heat-high" });
        Assert.Contains(outputs, output => output is AlarmCleared { RuleId: "heat-normal" });
    }

    [Fact]
    public void Engine_RejectsLaterOrUnknownRule()
    {
        RuleDefinition[] rules =
        [
            new CombinationRuleDefinition("early", CombinationKind.Any, ["smoke-1"], AlarmSeverity.Minor),
            new InputRuleDefinition("smoke-1", TestRules.Smoke, true, AlarmSeverity.Minor),
        ];

        var error = Assert.Throws<ArgumentException>(() => new RuleEngine(rules, clock));
        Assert.Contains("not a rule listed before it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Not_RejectsTwoRules()
    {
        Assert.Throws<ArgumentException>(() => new CombinationRuleDefinition("x", CombinationKind.Not, ["a", "b"], AlarmSeverity.Minor));
    }

    [Fact]
    public void ReadPoints_Empty()
    {
        Assert.Empty(new CombinationRuleDefinition("x", CombinationKind.Any, ["a"], AlarmSeverity.Minor).ReadPoints);
    }
}
