using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Actions;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Definitions;
using SmartCampus.Edge.Rules.Engine;
using SmartCampus.Edge.Rules.Outputs;
using SmartCampus.Edge.Rules.Tests.Support;

namespace SmartCampus.Edge.Rules.Tests.Engine;

/// <summary>setOutput with a number, as a holding register that sets a fan speed in percent.</summary>
public class NumericOutputTests
{
    private static readonly PointId Fan = PointId.Parse("ahu-1.fan-speed");
    private static readonly PointValue Boost = PointValue.FromNumber(80);
    private static readonly PointValue Idle = PointValue.FromNumber(20);

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 9, 1, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void SetOutput_HoldsNumberAndReturnsToSafeValue()
    {
        var engine = new RuleEngine([FanRule("co2-fan", lifeSafety: false)], clock);

        var raise = engine.Evaluate(TestSamples.Number(clock, TestRules.Co2, 1600));
        var held = Assert.Single(engine.HeldOutputs);
        var clear = engine.Evaluate(TestSamples.Number(clock, TestRules.Co2, 900));

        Assert.Contains(new SetOutputCommand(Fan, Boost, null, "co2-fan"), raise);
        Assert.Equal(Boost, held.Value);
        Assert.Equal(Idle, held.SafeValue);
        Assert.Contains(new SetOutputCommand(Fan, Idle, null, "co2-fan"), clear);
        Assert.Empty(engine.HeldOutputs);
    }

    [Fact]
    public void SetOutput_NumberPulseEndsAtReleaseValue()
    {
        var rule = ThresholdRuleDefinition.Above(
            "co2-purge", TestRules.Co2, 1500, 1200, TimeSpan.Zero, AlarmSeverity.Warning, [new SetOutputAction(Fan, Boost, Idle, TimeSpan.FromMinutes(5))]);
        var engine = new RuleEngine([rule], clock);

        var command = Assert.Single(engine.Evaluate(TestSamples.Number(clock, TestRules.Co2, 1600)).OfType<SetOutputCommand>());

        Assert.Equal(Boost, command.Value);
        Assert.Equal(Idle, command.PulseEndValue);
        Assert.Empty(engine.HeldOutputs);
    }

    [Fact]
    public void CheckCommand_NumberHeldByLifeSafety()
    {
        var engine = new RuleEngine([FanRule("smoke-extract", lifeSafety: true)], clock);
        engine.Evaluate(TestSamples.Number(clock, TestRules.Co2, 1600));

        var same = engine.CheckCommand(Fan, PointValue.FromNumber(80), RequestOrigin.District);
        var other = engine.CheckCommand(Fan, PointValue.FromNumber(50), RequestOrigin.District);

        Assert.True(same.Allowed);
        Assert.False(other.Allowed);
        Assert.Equal("smoke-extract", other.HoldingRuleId);
        Assert.Contains("80", other.Reason!.Arguments);
    }

    [Fact]
    public void SetOutput_HigherPriorityNumberWins()
    {
        var low = FanRule("co2-fan", lifeSafety: false);
        var high = ThresholdRuleDefinition.Above(
            "exam-quiet", TestRules.Temperature, 30, 28, TimeSpan.Zero, AlarmSeverity.Minor, [new SetOutputAction(Fan, PointValue.FromNumber(10), Idle)]) with
        {
            Priority = 5,
        };
        var engine = new RuleEngine([low, high], clock);

        engine.Evaluate(TestSamples.Number(clock, TestRules.Temperature, 31));
        var lowRaise = engine.Evaluate(TestSamples.Number(clock, TestRules.Co2, 1600));
        var highClear = engine.Evaluate(TestSamples.Number(clock, TestRules.Temperature, 20));

        Assert.DoesNotContain(lowRaise, output => output is SetOutputCommand);
        Assert.Contains(new SetOutputCommand(Fan, Boost, null, "co2-fan"), highClear);
    }

    [Fact]
    public void SetOutput_RejectsTextValue()
    {
        Assert.Throws<ArgumentException>(() => new SetOutputAction(Fan, PointValue.FromText("fast"), Idle));
        Assert.Throws<ArgumentException>(() => new SetOutputAction(Fan, PointValue.FromNumber(double.NaN), Idle));
    }

    [Fact]
    public void SameValue_BooleanEqualsOneAndZero()
    {
        Assert.True(SetOutputAction.SameValue(PointValue.FromBoolean(true), PointValue.FromNumber(1)));
        Assert.True(SetOutputAction.SameValue(PointValue.FromBoolean(false), PointValue.FromNumber(0)));
        Assert.False(SetOutputAction.SameValue(PointValue.FromNumber(80), PointValue.FromNumber(1)));
    }

    private static ThresholdRuleDefinition FanRule(string id, bool lifeSafety) =>
        ThresholdRuleDefinition.Above(id, TestRules.Co2, 1500, 1200, TimeSpan.Zero, AlarmSeverity.Warning, [new SetOutputAction(Fan, Boost, Idle) { SafeValue = Idle }]) with
        {
            LifeSafety = lifeSafety,
        };
}
