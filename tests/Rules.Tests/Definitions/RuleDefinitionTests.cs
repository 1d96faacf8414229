using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Actions;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Definitions;
using SmartCampus.Edge.Rules.Tests.Support;

namespace SmartCampus.Edge.Rules.Tests.Definitions;

public class RuleDefinitionTests
{
    private static readonly TimeSpan TwoMinutes = TimeSpan.FromMinutes(2);

    [Fact]
    public void Above_ClearLevelAboveLimitIsRejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => ThresholdRuleDefinition.Above("co2", TestRules.Co2, 1500, 1600, TwoMinutes, AlarmSeverity.Warning));

        Assert.Contains("clearBelow", error.Message, StringComparison.Ordinal);
        Assert.Contains("'co2'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Below_ClearLevelBelowLimitIsRejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => ThresholdRuleDefinition.Below("cold", TestRules.Temperature, 5, 4, TwoMinutes, AlarmSeverity.Warning));

        Assert.Contains("clearAbove", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClearLevelEqualToLimit_IsAccepted()
    {
        var rule = ThresholdRuleDefinition.Above("co2", TestRules.Co2, 1500, 1500, TwoMinutes, AlarmSeverity.Warning);

        Assert.Equal(rule.Limit, rule.ClearLevel);
        Assert.True(rule.IsBeyondLimit(1500.1));
        Assert.False(rule.IsBeyondLimit(1500));
        Assert.False(rule.IsPastClearLevel(1500));
        Assert.True(rule.IsPastClearLevel(1499.9));
    }

    [Fact]
    public void NegativeDuration_IsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(
            () => ThresholdRuleDefinition.Above("co2", TestRules.Co2, 1500, 1200, TimeSpan.FromSeconds(-1), AlarmSeverity.Warning));

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void NonFiniteLimit_IsRejected(double limit) =>
        Assert.Throws<ArgumentException>(
            () => ThresholdRuleDefinition.Above("co2", TestRules.Co2, limit, 1200, TwoMinutes, AlarmSeverity.Warning));

    [Fact]
    public void BlankIdOrPoint_IsRejected()
    {
        Assert.ThrowsAny<ArgumentException>(() => new InputRuleDefinition(" ", TestRules.Smoke, true, AlarmSeverity.Critical));
        Assert.ThrowsAny<ArgumentException>(() => new InputRuleDefinition("fire", default, true, AlarmSeverity.Critical));
    }

    [Fact]
    public void UnknownSeverity_IsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new InputRuleDefinition("fire", TestRules.Smoke, true, (AlarmSeverity)42));

    [Fact]
    public void ZeroPulse_IsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SetOutputAction(TestRules.Siren, true, TimeSpan.Zero));

    [Fact]
    public void Points_ListReadAndWritten()
    {
        var rule = new InputRuleDefinition(
            "fire",
            TestRules.Smoke,
            true,
            AlarmSeverity.Critical,
            [
                new SetOutputAction(TestRules.Siren, true),
                new SetOutputAction(TestRules.Siren, true, TimeSpan.FromSeconds(5)),
                new NoticeAction(NoticeAction.AllBoards, TestRules.FireNotice, emergency: true),
                new NoticeAction("board-201", TestRules.FireNotice, emergency: false),
                new NoticeAction("board-202", TestRules.FireNotice, emergency: false),
                new NoticeAction("board-201", TestRules.FireNotice, emergency: true),
            ]);

        Assert.Equal([TestRules.Smoke], rule.ReadPoints);
        Assert.Equal([TestRules.Siren], rule.WrittenPoints);
        Assert.Equal(["board-201", "board-202"], rule.NoticeTargets);
    }

    [Fact]
    public void Actions_AreCopied()
    {
        var actions = new List<RuleAction> { new SetOutputAction(TestRules.Siren, true) };
        var rule = new InputRuleDefinition("fire", TestRules.Smoke, true, AlarmSeverity.Critical, actions);

        actions.Clear();

        Assert.Single(rule.Actions);
    }

    [Fact]
    public void NullAction_IsRejected() =>
        Assert.Throws<ArgumentException>(() => new InputRuleDefinition("fire", TestRules.Smoke, true, AlarmSeverity.Critical, [null!]));

    [Fact]
    public void NoActions_GivesEmptyList()
    {
        var rule = new InputRuleDefinition("fire", new PointId("fire-panel", "smoke"), true, AlarmSeverity.Critical);

        Assert.Empty(rule.Actions);
        Assert.Empty(rule.WrittenPoints);
        Assert.Empty(rule.NoticeTargets);
    }
}
