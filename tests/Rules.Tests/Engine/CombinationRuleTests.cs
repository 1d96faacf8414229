using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Actions;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Definitions;
using SmartCampus.Edge.Rules.Engine;
using SmartCampus.Edge.Rules.Outputs;
using SmartCampus.Edge.Rules.State;
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

    [Theory]
    [InlineData("zh-CN", "组合告警 fire-confirmed：smoke-1、smoke-2 的 all 条件成立。", "smoke-1、smoke-2 的 all 条件已不成立")]
    [InlineData("en", "Combined alarm fire-confirmed: the condition all of smoke-1, smoke-2 holds.", "all of smoke-1, smoke-2 no longer holds")]
    public void Text_ListsRulesWithLanguageSeparator(string language, string raisedText, string clearedText)
    {
        var culture = CultureInfo.GetCultureInfo(language);
        var engine = new RuleEngine(TwoDetectors(CombinationKind.All), clock);
        engine.Evaluate(TestSamples.Boolean(clock, TestRules.Smoke, true));

        var raised = engine.Evaluate(TestSamples.Boolean(clock, Smoke2, true)).OfType<AlarmRaised>().Single(output => output.RuleId == "fire-confirmed");
        var cleared = engine.Evaluate(TestSamples.Boolean(clock, Smoke2, false)).OfType<AlarmCleared>().Single(output => output.RuleId == "fire-confirmed");

        Assert.Equal(raisedText, raised.Alarm.Message.Format(culture));
        Assert.Contains(clearedText, cleared.Alarm.ClearMessage!.Format(culture), StringComparison.Ordinal);
    }

    [Fact]
    public void Text_ListKeptThroughSnapshot()
    {
        var before = new RuleEngine(TwoDetectors(CombinationKind.Any), clock);
        before.Evaluate(TestSamples.Boolean(clock, TestRules.Smoke, true));
        var bytes = RuleSnapshotJson.Serialize(before.TakeSnapshot());

        var after = new RuleEngine(TwoDetectors(CombinationKind.Any), clock);
        after.Restore(RuleSnapshotJson.Deserialize(bytes));

        var alarm = after.ActiveAlarms.Single(active => active.RuleId == "fire-confirmed");
        Assert.Equal("组合告警 fire-confirmed：smoke-1、smoke-2 的 any 条件成立。", alarm.Message.Format(CultureInfo.GetCultureInfo("zh-CN")));
        Assert.Equal("Combined alarm fire-confirmed: the condition any of smoke-1, smoke-2 holds.", alarm.Message.Format(CultureInfo.GetCultureInfo("en")));
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
