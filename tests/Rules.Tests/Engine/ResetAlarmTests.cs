using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Actions;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Definitions;
using SmartCampus.Edge.Rules.Engine;
using SmartCampus.Edge.Rules.Outputs;
using SmartCampus.Edge.Rules.Tests.Support;

namespace SmartCampus.Edge.Rules.Tests.Engine;

public class ResetAlarmTests
{
    private static readonly PointId ResetButton = PointId.Parse("fire-panel.reset");

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 9, 1, 8, 0, 0, TimeSpan.Zero));

    private static InputRuleDefinition Button() =>
        new("reset-button", ResetButton, true, AlarmSeverity.Warning, [new ResetAlarmAction("fire-evacuation")]);

    [Fact]
    public void Button_ResetsClearedLatch()
    {
        var engine = new RuleEngine([TestRules.FireLifeSafety(), Button()], clock);
        engine.Evaluate(TestSamples.Boolean(clock, TestRules.Smoke, true));
        engine.Evaluate(TestSamples.Boolean(clock, TestRules.Smoke, false));

        var outputs = engine.Evaluate(TestSamples.Boolean(clock, ResetButton, true));

        var reset = Assert.Single(outputs.OfType<ResetAlarmCommand>());
        Assert.Equal("fire-evacuation", reset.TargetRuleId);
        var cleared = Assert.Single(outputs.OfType<AlarmCleared>(), output => output.RuleId == "fire-evacuation");
        Assert.Equal("rule:reset-button", cleared.Alarm.AcknowledgedBy);
        Assert.Contains(outputs.OfType<SetOutputCommand>(), command => command.Output == TestRules.Siren && command.Value == PointValue.FromBoolean(false));
        Assert.DoesNotContain(engine.ActiveAlarms, alarm => alarm.RuleId == "fire-evacuation");
    }

    [Fact]
    public void Button_DuringFireKeepsLatch()
    {
        var engine = new RuleEngine([TestRules.FireLifeSafety(), Button()], clock);
        engine.Evaluate(TestSamples.Boolean(clock, TestRules.Smoke, true));

        var outputs = engine.Evaluate(TestSamples.Boolean(clock, ResetButton, true));

        Assert.DoesNotContain(outputs, output => output is AlarmCleared { RuleId: "fire-evacuation" });
        Assert.Contains(engine.ActiveAlarms, alarm => alarm.RuleId == "fire-evacuation");
    }

    [Fact]
    public void UnknownTarget_Rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new RuleEngine([Button()], clock));

        Assert.Contains("fire-evacuation", error.Message, StringComparison.Ordinal);
    }
}
