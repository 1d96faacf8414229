using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Actions;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Definitions;
using SmartCampus.Edge.Rules.Engine;
using SmartCampus.Edge.Rules.Outputs;
using SmartCampus.Edge.Rules.Tests.Support;

namespace SmartCampus.Edge.Rules.Tests.Interlocks;

public class InterlockTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 9, 1, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Fire_EndToEnd()
    {
        var engine = new RuleEngine([TestRules.FireLifeSafety()], clock);

        var raise = engine.Evaluate(Smoke(true));

        var alarm = Assert.IsType<AlarmRaised>(raise[0]).Alarm;
        Assert.Equal(AlarmSeverity.Critical, alarm.Severity);
        Assert.True(alarm.Latched);
        Assert.Contains(new SetOutputCommand(TestRules.Siren, true, null, "fire-evacuation"), raise);
        Assert.Contains(new SetOutputCommand(TestRules.Gate, false, null, "fire-evacuation"), raise);
        Assert.Contains(raise, output => output is SendNoticeCommand { Emergency: true, Target: NoticeAction.AllBoards });

        var lockGate = engine.CheckCommand(TestRules.Gate, PointValue.FromBoolean(true), RequestOrigin.District);
        Assert.False(lockGate.Allowed);
        Assert.Equal("fire-evacuation", lockGate.HoldingRuleId);
        Assert.Equal(alarm.AlarmId, lockGate.AlarmId);
        Assert.Equal("InterlockLifeSafetyHold", lockGate.Reason?.Key);

        engine.Evaluate(Smoke(false));
        Assert.False(engine.CheckCommand(TestRules.Gate, PointValue.FromBoolean(true), RequestOrigin.Console).Allowed);

        var reset = engine.Acknowledge("fire-evacuation", RequestOrigin.OnSite, "caretaker");
        Assert.Contains(new SetOutputCommand(TestRules.Siren, false, null, "fire-evacuation"), reset.Outputs);
        Assert.Contains(new SetOutputCommand(TestRules.Gate, true, null, "fire-evacuation"), reset.Outputs);
        Assert.Contains(reset.Outputs, output => output is ClearEmergencyNoticeCommand);
        Assert.True(engine.CheckCommand(TestRules.Gate, PointValue.FromBoolean(true), RequestOrigin.District).Allowed);
    }

    [Fact]
    public void CheckCommand_SameValueAllowed()
    {
        var engine = new RuleEngine([TestRules.FireLifeSafety()], clock);
        engine.Evaluate(Smoke(true));

        Assert.True(engine.CheckCommand(TestRules.Gate, PointValue.FromBoolean(false), RequestOrigin.District).Allowed);
        Assert.True(engine.CheckCommand(TestRules.Gate, PointValue.FromNumber(0), RequestOrigin.District).Allowed);
        Assert.False(engine.CheckCommand(TestRules.Gate, PointValue.FromNumber(2), RequestOrigin.District).Allowed);
    }

    [Fact]
    public void CheckCommand_ReasonInBothLanguages()
    {
        var engine = new RuleEngine([TestRules.FireLifeSafety()], clock);
        engine.Evaluate(Smoke(true));

        var reason = engine.CheckCommand(TestRules.Gate, PointValue.FromBoolean(true), RequestOrigin.District).Reason!;

        var english = reason.Format(CultureInfo.GetCultureInfo("en"));
        var chinese = reason.Format(CultureInfo.GetCultureInfo("zh-CN"));
        Assert.Contains("gate-east.lock", english, StringComparison.Ordinal);
        Assert.Contains("fire-evacuation", english, StringComparison.Ordinal);
        Assert.Contains("rejected", english, StringComparison.Ordinal);
        Assert.Contains("拒绝", chinese, StringComparison.Ordinal);
        Assert.Contains("fire-evacuation", chinese, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckCommand_OrdinaryHoldAllowed()
    {
        var engine = new RuleEngine([TestRules.FireAlarm()], clock);
        engine.Evaluate(Smoke(true));

        Assert.True(engine.CheckCommand(TestRules.Siren, PointValue.FromBoolean(false), RequestOrigin.Console).Allowed);
    }

    [Fact]
    public void LifeSafety_OutranksHigherPriority()
    {
        var lockAfterHours = new InputRuleDefinition(
            "after-hours-lock", PointId.Parse("clock.after-hours"), true, AlarmSeverity.Warning, [new SetOutputAction(TestRules.Gate, true)])
        {
            Priority = 100,
        };
        var engine = new RuleEngine([TestRules.FireLifeSafety(), lockAfterHours], clock);
        engine.Evaluate(Smoke(true));

        var outputs = engine.Evaluate(TestSamples.Boolean(clock, PointId.Parse("clock.after-hours"), true));

        Assert.DoesNotContain(outputs, output => output is SetOutputCommand { Output: var point } && point == TestRules.Gate);
        var gate = Assert.Single(engine.HeldOutputs, held => held.Output == TestRules.Gate);
        Assert.Equal("fire-evacuation", gate.RuleId);
        Assert.Equal(PointValue.FromBoolean(false), gate.Value);
    }

    [Fact]
    public void Priority_HigherWinsAndHandsBack()
    {
        var fan = PointId.Parse("room-201.fan");
        var co2 = new InputRuleDefinition("co2-fan", PointId.Parse("room-201.co2-high"), true, AlarmSeverity.Minor, [new SetOutputAction(fan, true)]);
        var quiet = new InputRuleDefinition("exam-quiet", PointId.Parse("room-201.exam"), true, AlarmSeverity.Warning, [new SetOutputAction(fan, false)])
        {
            Priority = 5,
        };
        var engine = new RuleEngine([co2, quiet], clock);
        engine.Evaluate(TestSamples.Boolean(clock, co2.Point, true));

        var examOn = engine.Evaluate(TestSamples.Boolean(clock, quiet.Point, true));
        Assert.Contains(new SetOutputCommand(fan, false, null, "exam-quiet"), examOn);

        var examOff = engine.Evaluate(TestSamples.Boolean(clock, quiet.Point, false));
        Assert.Contains(new SetOutputCommand(fan, true, null, "co2-fan"), examOff);
    }

    [Fact]
    public void HeldOutputs_SafeValues()
    {
        var engine = new RuleEngine([TestRules.FireLifeSafety(), TestRules.FireAlarm("ordinary", PointId.Parse("lab.smoke"))], clock);
        engine.Evaluate(Smoke(true));
        engine.Evaluate(TestSamples.Boolean(clock, PointId.Parse("lab.smoke"), true));

        var held = engine.HeldOutputs.ToDictionary(hold => hold.Output);

        Assert.Equal(2, held.Count);
        Assert.Equal(PointValue.FromBoolean(true), held[TestRules.Siren].SafeValue);
        Assert.Equal("fire-evacuation", held[TestRules.Siren].RuleId);
        Assert.Equal(PointValue.FromBoolean(false), held[TestRules.Gate].SafeValue);
    }

    [Fact]
    public void HeldOutputs_ExplicitSafeValue()
    {
        var rule = new InputRuleDefinition(
            "fan", PointId.Parse("room.co2-high"), true, AlarmSeverity.Minor, [new SetOutputAction(PointId.Parse("room.fan"), true) { SafeValue = PointValue.FromBoolean(true) }]);
        var engine = new RuleEngine([rule], clock);
        engine.Evaluate(TestSamples.Boolean(clock, rule.Point, true));

        Assert.Equal(PointValue.FromBoolean(true), Assert.Single(engine.HeldOutputs).SafeValue);
    }

    private Sample Smoke(bool active) => TestSamples.Boolean(clock, TestRules.Smoke, active);
}
